package dev.radsec.transport;

/**
 * A snapshot of one relay client network's counters: NAS requests from sources inside {@link #network()}, summed
 * over the relay's listeners. Sources outside every configured network are counted under {@link #UNKNOWN}.
 * Immutable.
 */
public final class ClientNetworkStatistics {
    /** The {@link #network()} of requests whose source lies outside every configured client network. */
    public static final String UNKNOWN = "unknown";

    private final String network;
    private final long requests;
    private final long forwarded;
    private final long droppedUnknownClient;
    private final long badAuthenticator;
    private final long duplicates;
    private final long noDestination;
    private final long malformed;

    public ClientNetworkStatistics(String network, long requests, long forwarded, long droppedUnknownClient,
                                   long badAuthenticator, long duplicates, long noDestination, long malformed) {
        this.network = network;
        this.requests = requests;
        this.forwarded = forwarded;
        this.droppedUnknownClient = droppedUnknownClient;
        this.badAuthenticator = badAuthenticator;
        this.duplicates = duplicates;
        this.noDestination = noDestination;
        this.malformed = malformed;
    }

    /** The client network as configured (CIDR), or {@link #UNKNOWN}. */
    public String network() {
        return network;
    }

    /** Requests that verified with the network's secret and went to the relay. */
    public long requests() {
        return requests;
    }

    /** Requests a destination answered, the answer relayed back. */
    public long forwarded() {
        return forwarded;
    }

    /** Datagrams from sources outside every client network, dropped unread (only under {@link #UNKNOWN}). */
    public long droppedUnknownClient() {
        return droppedUnknownClient;
    }

    /** Requests whose authenticator or Message-Authenticator did not verify, or lacked a required one: dropped. */
    public long badAuthenticator() {
        return badAuthenticator;
    }

    /** NAS retransmissions recognised (RFC 5080): answered from the cache, never forwarded twice. */
    public long duplicates() {
        return duplicates;
    }

    /** Requests no destination answered: no answer (or Access-Reject when so configured) went to the NAS. */
    public long noDestination() {
        return noDestination;
    }

    /** Datagrams that are not RADIUS, dropped. */
    public long malformed() {
        return malformed;
    }

    @Override
    public String toString() {
        return network + ": requests " + requests + ", forwarded " + forwarded + ", dropped-unknown-client "
                + droppedUnknownClient + ", bad-authenticator " + badAuthenticator + ", duplicates " + duplicates
                + ", no-destination " + noDestination + ", malformed " + malformed;
    }
}
