package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One link of a {@link DestinationClient} and what travels on it; changed only under its {@link SerialMonitor}. It
 * is its link's listener, so a report made while the link is being opened is not lost.
 */
final class Connection implements Link.Listener {
    /** What the client does with the link's reports, under the monitor. */
    interface Events {
        void up(Connection c, LinkInfo info);

        void packet(Connection c, byte[] packet);

        void down(Connection c, String reason);
    }

    private final SerialMonitor monitor;
    private final Events events;
    Link link;
    final IdentifierPool ids;
    final Map<Integer, Exchange> pending = new HashMap<>();
    boolean up;
    boolean gone;
    /** Whether the server ever answered on it: a working link, not one refused after its handshake. */
    boolean answered;
    /** Closed by the watchdog: the server stopped answering, an outage. */
    boolean unresponsive;
    /** Users' requests that timed out on it since its last answer ({@link LinkHealth#requestEnded}). */
    int timeoutsInARow;
    /** When the last verified answer arrived: the watchdog only probes a quiet link (RFC 3539). */
    Instant lastAnswer;
    Scheduler.Cancellable watchdog;
    /** The last request sent or answered (not watchdog probes): what idle-timeout measures. */
    Instant lastActivity;
    Scheduler.Cancellable idleCheck;
    boolean closingIdle;
    /** Takes no new requests; closes once its last one is answered or timed out (reconnect, reconfiguration). */
    boolean draining;

    Connection(SerialMonitor monitor, Events events, Duration idReuseTimeout) {
        this.monitor = monitor;
        this.events = events;
        this.ids = new IdentifierPool(idReuseTimeout);
    }

    @Override
    public void up(Link l, LinkInfo info) {
        monitor.fromLink(() -> events.up(this, info));
    }

    @Override
    public void packet(Link l, byte[] packet) {
        monitor.fromLink(() -> events.packet(this, packet));
    }

    @Override
    public void down(Link l, String reason) {
        monitor.fromLink(() -> events.down(this, reason));
    }

    void close(String reason) {
        Link l = link;
        if (l != null) {
            monitor.io(() -> l.close(reason));
        }
    }

    void send(byte[] wire) {
        Link l = link;
        monitor.io(() -> l.send(wire));
    }

    /** Nothing of a user's in flight: a draining link may close. */
    boolean onlyProbesPending() {
        return pending.values().stream().allMatch(x -> x.internal);
    }

    /**
     * Whether a close is the server ending a working link that was idle (stock FreeRADIUS closes RadSec connections
     * after 30 s idle): it answered before, the watchdog did not give up on it, and no user request was on it.
     */
    boolean closedIdleByServer(boolean usersWaited) {
        return answered && !unresponsive && !usersWaited;
    }

    /** Stops its watchdog and idle timers. */
    void stopTimers() {
        for (Scheduler.Cancellable t : new Scheduler.Cancellable[] {watchdog, idleCheck}) {
            if (t != null) {
                t.cancel();
            }
        }
    }
}
