package dev.radsec.management;

import java.util.List;

/**
 * One relay ({@code dev.radsec.relay} configuration), {@code dev.radsec:type=Relay,name=<name>}: NAS requests
 * counted per client network, and in total.
 */
public interface RelayMXBean {
    String getName();

    /** Its listeners, e.g. {@code relay-default-auth}, {@code relay-default-acct}. */
    String[] getListeners();

    /** The ordered destination ids it forwards to. */
    int[] getDestinations();

    /**
     * One row per client network (CIDR, most specific first, then {@code unknown} for sources outside them all),
     * see {@link ClientNetworkCounters}.
     */
    List<ClientNetworkCounters> getNetworks();

    long getRequests();

    long getForwarded();

    long getDroppedUnknownClient();

    long getBadAuthenticator();

    long getDuplicates();

    long getNoDestination();

    long getMalformed();

    /** Status-Server requests answered by the relay itself. */
    long getStatusServer();
}
