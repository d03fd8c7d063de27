package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes accepted links on which nothing arrived for {@code idle-timeout}, on the listener's clock: a client that
 * keeps its connection wants it (it sends requests, or Status-Server while quiet), and one that does not holds a
 * socket and a TLS session for nothing. Sits between an acceptor's links and the listener's {@link Link.Listener};
 * looks every tenth of the timeout.
 */
final class QuietLinks implements Link.Listener, AutoCloseable {
    private final Link.Listener next;
    private final Scheduler timer;
    private final Duration idleTimeout;
    /** When each link up now last heard a packet, in the timer's milliseconds. */
    private final Map<Link, Long> lastHeard = new ConcurrentHashMap<>();
    private volatile Scheduler.Cancellable sweep = Scheduler.Cancellable.NONE;
    private volatile boolean closed;

    QuietLinks(Link.Listener next, Scheduler timer, Duration idleTimeout) {
        this.next = next;
        this.timer = timer;
        this.idleTimeout = idleTimeout;
        scheduleSweep();
    }

    @Override
    public void up(Link link, LinkInfo info) {
        lastHeard.put(link, timer.clock().millis());
        next.up(link, info);
    }

    @Override
    public void packet(Link link, byte[] packet) {
        lastHeard.replace(link, timer.clock().millis());
        next.packet(link, packet);
    }

    @Override
    public void unreadable(Link link, String problem) {
        next.unreadable(link, problem);
    }

    @Override
    public void down(Link link, String reason) {
        lastHeard.remove(link);
        next.down(link, reason);
    }

    private void scheduleSweep() {
        sweep = timer.schedule(idleTimeout.dividedBy(10), () -> {
            long before = timer.clock().millis() - idleTimeout.toMillis();
            lastHeard.forEach((link, heard) -> {
                if (heard <= before) {
                    link.close("nothing received for " + idleTimeout.getSeconds() + " s (idle-timeout)");
                }
            });
            if (!closed) {
                scheduleSweep();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        sweep.cancel();
    }
}
