package dev.radsec.transport;

/**
 * A snapshot of one relay client network's counters: NAS requests from sources inside {@link #network()}, summed
 * over the relay's listeners. Sources outside every configured network are counted under {@link #UNKNOWN}.
 *
 * @param network              the client network as configured (CIDR), or {@link #UNKNOWN}
 * @param requests             requests that verified with the network's secret and went to the relay
 * @param forwarded            requests a destination answered, the answer relayed back
 * @param droppedUnknownClient datagrams from sources outside every client network, dropped unread (only under
 *                             {@link #UNKNOWN})
 * @param badAuthenticator     requests whose authenticator or Message-Authenticator did not verify, or lacked a
 *                             required one: dropped
 * @param duplicates           NAS retransmissions recognised (RFC 5080): answered from the cache, never forwarded
 *                             twice
 * @param noDestination        requests no destination answered: no answer (or Access-Reject when so configured)
 *                             went to the NAS
 * @param malformed            datagrams that are not RADIUS, dropped
 */
public record ClientNetworkStatistics(String network, long requests, long forwarded, long droppedUnknownClient,
                                      long badAuthenticator, long duplicates, long noDestination, long malformed) {
    /** The {@link #network()} of requests whose source lies outside every configured client network. */
    public static final String UNKNOWN = "unknown";

    @Override
    public String toString() {
        return network + ": requests " + requests + ", forwarded " + forwarded + ", dropped-unknown-client "
                + droppedUnknownClient + ", bad-authenticator " + badAuthenticator + ", duplicates " + duplicates
                + ", no-destination " + noDestination + ", malformed " + malformed;
    }
}
