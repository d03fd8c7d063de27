package dev.radsec.transport;

import java.util.List;

/**
 * A snapshot of one relay ({@code dev.radsec.relay} configuration): where it listens and its counters.
 *
 * @param name         the relay's {@code name}
 * @param listeners    its listeners: {@code relay-<name>-auth} and {@code -acct}, or {@code relay-<name>-radsec}
 * @param destinations the ordered destination ids it forwards to when no realm routes a request elsewhere
 * @param statusServer Status-Server requests it answered itself (RFC 5997: never proxied)
 * @param networks     counters per configured client network, most specific first, then
 *                     {@link ClientNetworkStatistics#UNKNOWN}
 */
public record RelayStatistics(String name, List<String> listeners, List<Integer> destinations, long statusServer,
                              List<ClientNetworkStatistics> networks) {
    public RelayStatistics {
        listeners = List.copyOf(listeners);
        destinations = List.copyOf(destinations);
        networks = List.copyOf(networks);
    }

    /** The counters summed over all networks, under the network name {@code total}. */
    public ClientNetworkStatistics total() {
        long[] t = new long[7];
        for (ClientNetworkStatistics n : networks) {
            t[0] += n.requests();
            t[1] += n.forwarded();
            t[2] += n.droppedUnknownClient();
            t[3] += n.badAuthenticator();
            t[4] += n.duplicates();
            t[5] += n.noDestination();
            t[6] += n.malformed();
        }
        return new ClientNetworkStatistics("total", t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
    }

    @Override
    public String toString() {
        return "relay " + name + " " + listeners + " -> " + destinations + ": " + networks;
    }
}
