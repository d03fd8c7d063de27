package dev.radsec.transport;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a listener (a {@code dev.radsec.listener} configuration, a relay's port, the {@code incoming}
 * CoA/Disconnect port: whatever {@link ListenerMonitor#listeners} names) starts listening, fails to, or stops: an
 * OSGi whiteboard service, every registered one is told. Per-packet events (a refused TLS client, a datagram from
 * an unknown address) are counters of {@link ListenerStatistics}, not reports.
 *
 * <p>One call per change, in the order they happened; a reconfigured listener reports STOPPED, then LISTENING
 * (or FAILED) again. Called on a transport thread with no lock of the transport held. It must not block. What it
 * throws is logged and ignored.
 */
@ConsumerType
@FunctionalInterface
public interface ListenerStateListener {

    /** What became of a listener. */
    enum State {
        /** Bound and taking requests; the detail says where ({@code radsec 127.0.0.1:2083}). */
        LISTENING,
        /** Its address could not be bound; the detail says why. The configuration stays, nothing listens. */
        FAILED,
        /** Closed: its configuration was removed or changed, or the transport stopped. */
        STOPPED
    }

    /**
     * @param listenerName the listener's name, as {@link ListenerMonitor#listeners} has it
     * @param state        what became of it
     * @param detail       where it listens, or why it failed or stopped; never null
     */
    void stateChanged(String listenerName, State state, String detail);
}
