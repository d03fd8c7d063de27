package dev.radsec.transport;

import java.util.List;
import java.util.Optional;

/**
 * The running listeners (relay ports, the {@code incoming} CoA/Disconnect listener, {@code dev.radsec.listener}
 * configurations) and their counters: an OSGi service of the transport bundle, read by management.
 */
public interface ListenerMonitor {
    /** The names of the running listeners, sorted. */
    List<String> listeners();

    /** The named listener's counters, if it runs. */
    Optional<ListenerStatistics> statistics(String listenerName);
}
