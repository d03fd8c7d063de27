package dev.radsec.transport.internal;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.Scheduler;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RequestTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Watches a destination's links: the RFC 5997 / RFC 3539 watchdog probes a link quiet for a whole
 * {@code status-server} interval with Status-Server, and no answer within {@code timeout} closes it (the
 * destination then goes down and reconnects), as does finding no Identifier to probe with, every one resting after
 * a timeout; {@code idle-timeout} closes a link with nothing in flight and no
 * request for that long, until it is needed again. Runs under the destination's monitor.
 */
final class LinkHealth {
    /** Sends a probe on a link, as the destination sends any request. */
    interface Prober {
        void transmit(Connection c, int id, Exchange probe, Instant now);
    }

    private final SerialMonitor monitor;
    private final Scheduler timer;
    private final Supplier<DestinationSettings> settings;
    private final BooleanSupplier closed;
    private final RadiusDictionary dictionary;
    private final Prober prober;

    LinkHealth(SerialMonitor monitor, Scheduler timer, Supplier<DestinationSettings> settings, BooleanSupplier closed,
               RadiusDictionary dictionary, Prober prober) {
        this.monitor = monitor;
        this.timer = timer;
        this.settings = settings;
        this.closed = closed;
        this.dictionary = dictionary;
        this.prober = prober;
    }

    /** False for servers named by address: see {@link DestinationClient#keepUpOnTimeouts()}. */
    private volatile boolean downOnTimeouts = true;

    void keepUpOnTimeouts() {
        downOnTimeouts = false;
    }

    /**
     * A user's request on {@code c} ended, answered or timed out. Over UDP without Status-Server nothing else notices
     * a server that stopped answering (the socket stays open): {@code retries} timeouts in a row (at least one) with
     * no answer between them close the link as unresponsive. The destination then goes DOWN, so failover lists and
     * balancing relays skip it, and it is tried again after the reconnect backoff.
     */
    void requestEnded(Connection c) {
        DestinationSettings s = settings.get();
        if (c.gone || c.unresponsive || !downOnTimeouts || s.protocol != DestinationSettings.Protocol.UDP
                || !s.statusServer.isZero() || c.timeoutsInARow < Math.max(1, s.retries)) {
            return;
        }
        c.unresponsive = true;
        c.draining = true; // no new request goes on it meanwhile
        c.close("no answer to " + c.timeoutsInARow + " requests in a row");
    }

    /** A link came up: start watching it. */
    void watch(Connection c) {
        armWatchdog(c);
        armIdleCheck(c, settings.get().idleTimeout);
    }

    /** Whether the server ever answered a Status-Server: it implements RFC 5997 (Windows NPS, for one, does not). */
    private volatile boolean statusServerAnswered;

    boolean statusServerAnswered() {
        return statusServerAnswered;
    }

    /**
     * A UDP link opened while its destination is DOWN, to a server known to answer Status-Server: a UDP socket
     * "connects" to any address, so the link proves nothing until the server answers on it. It gets a Status-Server
     * (RFC 5997) and takes requests only once that is answered ({@code proven} runs); with no answer within
     * {@code timeout} it is closed as unresponsive, and the destination stays DOWN and tries again after its backoff.
     */
    void prove(Connection c, Runnable proven) {
        Instant now = timer.clock().instant();
        int id = c.ids.acquire(now); // a fresh link: every Identifier is free
        Exchange probe = new Exchange(RadiusPacket.builder(PacketCode.STATUS_SERVER, dictionary.current()).build(),
                true, now, monitor);
        prober.transmit(c, id, probe, now);
        probe.future.whenComplete((response, failure) -> monitor.run(() -> {
            if (c.gone || closed.getAsBoolean()) {
                return;
            }
            if (failure == null) {
                proven.run();
            } else {
                c.unresponsive = true;
                c.close("no answer to Status-Server within " + settings.get().timeoutText());
            }
        }));
    }

    private void armIdleCheck(Connection c, Duration after) {
        Duration idle = settings.get().idleTimeout;
        if (idle.isZero()) {
            return;
        }
        c.idleCheck = timer.schedule(after, () -> monitor.run(() -> {
            if (closed.getAsBoolean() || c.gone) {
                return;
            }
            Duration quiet = Duration.between(c.lastActivity, timer.clock().instant());
            if (c.pending.isEmpty() && quiet.compareTo(idle) >= 0) {
                c.closingIdle = true;
                c.close("idle for " + idle.getSeconds() + " s");
            } else {
                Duration rest = idle.minus(quiet);
                armIdleCheck(c, rest.isNegative() || rest.isZero() ? idle : rest);
            }
        }));
    }

    private void armWatchdog(Connection c) {
        Duration interval = settings.get().statusServer;
        if (!interval.isZero()) {
            c.watchdog = timer.schedule(interval, () -> monitor.run(() -> watchdog(c)));
        }
    }

    private void watchdog(Connection c) {
        if (closed.getAsBoolean() || c.gone) {
            return;
        }
        DestinationSettings s = settings.get();
        Instant now = timer.clock().instant();
        Duration quiet = Duration.between(c.lastAnswer, now);
        if (quiet.compareTo(s.statusServer) < 0) {
            c.watchdog = timer.schedule(s.statusServer.minus(quiet), () -> monitor.run(() -> watchdog(c)));
            return;
        }
        int id = c.ids.acquire(now);
        if (id >= 0) {
            Exchange probe = new Exchange(RadiusPacket.builder(PacketCode.STATUS_SERVER, dictionary.current()).build(),
                    true, now, monitor);
            prober.transmit(c, id, probe, now);
            probe.future.whenComplete((response, failure) -> {
                if (failure == null) {
                    statusServerAnswered = true;
                } else if (failure instanceof RequestTimeoutException) {
                    monitor.run(() -> {
                        c.unresponsive = true;
                        c.close("no answer to Status-Server within " + s.timeoutText());
                    });
                }
            });
        } else if (c.pending.isEmpty()) {
            // No Identifier to probe with and none in flight: each rests for id-reuse-timeout after a request that
            // timed out, and nothing was answered for a whole interval. Waiting for one would keep a dead server
            // UP for id-reuse-timeout, failing every request as "every Identifier in use" and never probing; a new
            // link has fresh Identifiers.
            c.unresponsive = true;
            c.close("no answer for " + s.statusServer.getSeconds() + " s, and every Identifier rests after a timeout");
            return;
        }
        armWatchdog(c);
    }
}
