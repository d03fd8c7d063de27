package dev.radsec.management;

import dev.radsec.transport.ClientNetworkStatistics;

/**
 * One row of {@link RelayMXBean#getNetworks()}: NAS requests from one client network. Over JMX a
 * {@code CompositeData} with the items {@code network, requests, forwarded, droppedUnknownClient,
 * badAuthenticator, duplicates, noDestination, malformed} (a record maps to one, JDK 17 MXBean rules).
 *
 * @param network              the client network (CIDR), or {@code unknown} for sources outside every configured one
 * @param requests             requests that verified with the network's secret
 * @param forwarded            requests a destination answered, the answer relayed back
 * @param droppedUnknownClient datagrams from sources outside every client network (the {@code unknown} row only)
 * @param badAuthenticator     requests whose authenticator or Message-Authenticator did not verify
 * @param duplicates           NAS retransmissions answered from the cache, not forwarded again
 * @param noDestination        requests no destination answered
 * @param malformed            datagrams that are not RADIUS
 */
public record ClientNetworkCounters(String network, long requests, long forwarded, long droppedUnknownClient,
                                    long badAuthenticator, long duplicates, long noDestination, long malformed) {

    /** The JMX row of one network's statistics. */
    public static ClientNetworkCounters of(ClientNetworkStatistics n) {
        return new ClientNetworkCounters(n.network(), n.requests(), n.forwarded(), n.droppedUnknownClient(),
                n.badAuthenticator(), n.duplicates(), n.noDestination(), n.malformed());
    }
}
