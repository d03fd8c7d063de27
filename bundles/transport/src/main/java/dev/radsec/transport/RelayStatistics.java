package dev.radsec.transport;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one relay ({@code dev.radsec.relay} configuration): where it listens and its counters.
 *
 * @param name         the relay's {@code name}
 * @param listeners    its listeners: {@code relay-<name>-auth} and {@code -acct}, or {@code relay-<name>-radsec}
 * @param destinations the ordered destination ids it forwards to when no realm routes a request elsewhere
 * @param statusServer Status-Server requests it answered itself (RFC 5997: never proxied)
 * @param networks     counters per configured client network, most specific first, then
 *                     {@link ClientNetworkStatistics#UNKNOWN}
 * @param balance      its {@code balance}: {@code failover}, {@code round-robin} or {@code keyed}
 * @param shares       per destination id it may send to (its destinations and its realms'), ascending: the requests
 *                     it sent to that destination first, the one its balancing (or failover) chose as up. The
 *                     transport moves a request on to the next destination only when the chosen one turns out
 *                     unavailable at that moment.
 * @param accountingSpool its accounting spool ({@link AccountingSpoolStatistics#OFF} without one); since 0.8
 * @since 0.7
 */
public record RelayStatistics(String name, List<String> listeners, List<Integer> destinations, long statusServer,
                              List<ClientNetworkStatistics> networks, String balance, Map<Integer, Long> shares,
                              AccountingSpoolStatistics accountingSpool) {
    public RelayStatistics {
        listeners = List.copyOf(listeners);
        destinations = List.copyOf(destinations);
        networks = List.copyOf(networks);
        shares = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shares));
        accountingSpool = accountingSpool == null ? AccountingSpoolStatistics.OFF : accountingSpool;
    }

    /** Without an accounting spool, as before 0.8. */
    public RelayStatistics(String name, List<String> listeners, List<Integer> destinations, long statusServer,
                           List<ClientNetworkStatistics> networks, String balance, Map<Integer, Long> shares) {
        this(name, listeners, destinations, statusServer, networks, balance, shares, AccountingSpoolStatistics.OFF);
    }

    /** Without balancing ({@code failover}, no shares), as before 0.7. */
    public RelayStatistics(String name, List<String> listeners, List<Integer> destinations, long statusServer,
                           List<ClientNetworkStatistics> networks) {
        this(name, listeners, destinations, statusServer, networks, "failover", Map.of());
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
