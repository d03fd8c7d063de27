package dev.radsec.management;

/**
 * One row of {@link RelayMXBean#getNetworks()}: NAS requests from one client network. Over JMX a
 * {@code CompositeData} with the items {@code network, requests, forwarded, droppedUnknownClient,
 * badAuthenticator, duplicates, noDestination, malformed}.
 */
public final class ClientNetworkCounters {
    private final String network;
    private final long requests;
    private final long forwarded;
    private final long droppedUnknownClient;
    private final long badAuthenticator;
    private final long duplicates;
    private final long noDestination;
    private final long malformed;

    @java.beans.ConstructorProperties({"network", "requests", "forwarded", "droppedUnknownClient", "badAuthenticator",
        "duplicates", "noDestination", "malformed"})
    public ClientNetworkCounters(String network, long requests, long forwarded, long droppedUnknownClient,
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

    /** The client network (CIDR), or {@code unknown} for sources outside every configured one. */
    public String getNetwork() {
        return network;
    }

    /** Requests that verified with the network's secret. */
    public long getRequests() {
        return requests;
    }

    /** Requests a destination answered, the answer relayed back. */
    public long getForwarded() {
        return forwarded;
    }

    /** Datagrams from sources outside every client network (the {@code unknown} row only). */
    public long getDroppedUnknownClient() {
        return droppedUnknownClient;
    }

    /** Requests whose authenticator or Message-Authenticator did not verify. */
    public long getBadAuthenticator() {
        return badAuthenticator;
    }

    /** NAS retransmissions answered from the cache, not forwarded again. */
    public long getDuplicates() {
        return duplicates;
    }

    /** Requests no destination answered. */
    public long getNoDestination() {
        return noDestination;
    }

    /** Datagrams that are not RADIUS. */
    public long getMalformed() {
        return malformed;
    }
}
