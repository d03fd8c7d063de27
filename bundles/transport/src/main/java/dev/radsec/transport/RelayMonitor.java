package dev.radsec.transport;

import java.util.List;
import java.util.Optional;

/**
 * The running relays ({@code dev.radsec.relay} configurations) and their counters: an OSGi service of the
 * transport bundle, read by management (JMX {@code dev.radsec:type=Relay,name=<name>}, {@code radsec:relays}).
 */
public interface RelayMonitor {
    /** Every running relay, by name. */
    List<RelayStatistics> relays();

    /** The named relay, if it runs. */
    Optional<RelayStatistics> relay(String name);
}
