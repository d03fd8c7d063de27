package dev.radsec.transport.internal;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.Scheduler;
import dev.radsec.transport.RadiusTransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** One request of a {@link DestinationClient}, waiting or in flight; changed only under its {@link SerialMonitor}. */
final class Exchange {
    final RadiusPacket request;
    final CompletableFuture<RadiusPacket> future = new CompletableFuture<>();
    /** A watchdog probe: not a user's request, not counted. */
    final boolean internal;
    final Instant submittedAt;
    private final SerialMonitor monitor;
    Connection conn;
    int id = -1;
    byte[] wire;
    Instant sentAt;
    Scheduler.Cancellable deadline;
    int transmissions;
    Duration retransmitTime;

    Exchange(RadiusPacket request, boolean internal, Instant submittedAt, SerialMonitor monitor) {
        this.request = request;
        this.internal = internal;
        this.submittedAt = submittedAt;
        this.monitor = monitor;
    }

    /** Ends the request (at most once), after the monitor is released. */
    void complete(RadiusPacket response) {
        monitor.later(() -> future.complete(response));
    }

    void fail(RadiusTransportException e) {
        monitor.later(() -> future.completeExceptionally(e));
    }
}
