package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination's configuration edited while requests flow, against real FreeRADIUS: a change that needs no new
 * connection applies on the open one; a move to another server drains the old connection; removal ends what is
 * queued with a typed error. Not one request is lost or left without an end.
 */
class LiveReconfigurationTest {
    private static final int IN_FLIGHT = 100;
    @TempDir
    Path dir;

    private static RadiusPacket alice() {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard()).add("User-Name", "alice")
                .add("User-Password", "alice-pw").build();
    }

    /** Keeps {@link #IN_FLIGHT} requests going to destination 1 until stopped; counts how each one ended. */
    private static final class Load {
        final AtomicInteger accepted = new AtomicInteger();
        final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        final Semaphore window = new Semaphore(IN_FLIGHT);
        volatile boolean running = true;
        int sent;

        CompletableFuture<Void> start(Peer peer) {
            return CompletableFuture.runAsync(() -> {
                while (running) {
                    try {
                        window.acquire();
                    } catch (InterruptedException e) {
                        return;
                    }
                    sent++;
                    peer.client.send(1, alice()).whenComplete((r, t) -> {
                        if (t == null && r.code() == PacketCode.ACCESS_ACCEPT) {
                            accepted.incrementAndGet();
                        } else {
                            failures.add(t == null ? new AssertionError("answered " + r.code()) : t);
                        }
                        window.release();
                    });
                }
            });
        }

        /** Every request ended in an Access-Accept; else how many did not, and the first of them. */
        void assertAllAccepted() {
            assertEquals(0, failures.size(), () -> failures.size() + " of " + sent
                    + " requests did not end in an Access-Accept; the first: " + failures.peek());
        }

        /** Stops sending and waits until every request sent has ended. */
        void finish(CompletableFuture<Void> loop) throws Exception {
            running = false;
            loop.get(10, TimeUnit.SECONDS);
            if (!window.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
                throw new AssertionError((IN_FLIGHT - window.availablePermits()) + " requests never ended");
            }
        }
    }

    @Test
    void editsUnderLoadLoseNoRequest() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        try (Peer peer = new Peer(dir); FreeRadiusProcess second = Peer.serverBuilder(dir.resolve("second"), peer.pki, 0).start()) {
            peer.radsecDestination(1);
            Waits.until(() -> peer.client.statistics(1).map(s -> s.state() == DestinationStatistics.State.UP)
                    .orElse(false), java.time.Duration.ofSeconds(10), () -> "destination 1 up");
            Load load = new Load();
            CompletableFuture<Void> loop = load.start(peer);
            Waits.until(() -> load.accepted.get() > 2000, java.time.Duration.ofSeconds(20), () -> "traffic flowing");

            // 1. no new connection needed: timeout, buffers, watchdog
            peer.radsecDestination(1, "timeout", "7", "max-tx-buffers", "500", "status-server", "20");
            int afterInPlace = load.accepted.get();
            Waits.until(() -> load.accepted.get() > afterInPlace + 2000, java.time.Duration.ofSeconds(20),
                    () -> "traffic after the in-place change");
            assertEquals(1, peer.client.statistics(1).orElseThrow().connections(), "the same single connection");
            assertEquals("7", peer.client.configuration(1).orElseThrow().get("timeout"));

            // 2. a new server: the old connection drains while the new one takes over
            peer.radsecDestination(1, "port", String.valueOf(second.radsecPort()), "timeout", "7");
            int afterMove = load.accepted.get();
            Waits.until(() -> load.accepted.get() > afterMove + 2000, java.time.Duration.ofSeconds(20),
                    () -> "traffic after the move");
            load.finish(loop);
            load.assertAllAccepted();
            assertEquals(load.sent, load.accepted.get());
            assertEquals(String.valueOf(second.radsecPort()), peer.client.configuration(1).orElseThrow().get("port"));

            // 3. removal: whatever is still queued or in flight ends as unavailable, typed
            Load last = new Load();
            CompletableFuture<Void> lastLoop = last.start(peer);
            Waits.until(() -> last.accepted.get() > 500, java.time.Duration.ofSeconds(20), () -> "traffic again");
            peer.client.destinationRemoved("dest-1");
            last.finish(lastLoop);
            assertEquals(last.sent, last.accepted.get() + last.failures.size(), "every request ended");
            for (Throwable t : last.failures) {
                Throwable cause = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
                assertEquals(DestinationUnavailableException.class, cause.getClass(), String.valueOf(cause));
            }
        }
    }

    /**
     * Changes that need a new connection, faster than stock FreeRADIUS frees closed ones (it counts a closed TLS
     * connection against its 16 per client until its queued requests are done, and then refuses new ones): the old
     * connection takes the requests until the new one is up, so none is lost.
     */
    @Test
    void reconnectingChangesFasterThanTheServerFreesConnectionsLoseNoRequest() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        try (Peer peer = new Peer(dir)) {
            peer.radsecDestination(1);
            Waits.until(() -> peer.client.statistics(1).map(s -> s.state() == DestinationStatistics.State.UP)
                    .orElse(false), java.time.Duration.ofSeconds(10), () -> "destination 1 up");
            Load load = new Load();
            CompletableFuture<Void> loop = load.start(peer);
            Waits.until(() -> load.accepted.get() > 1000, java.time.Duration.ofSeconds(20), () -> "traffic flowing");
            for (int i = 0; i < 40; i++) {
                peer.radsecDestination(1, "tls-timeout", String.valueOf(5 + i % 2)); // a new connection each time
                Thread.sleep(100);
            }
            int afterChurn = load.accepted.get();
            Waits.until(() -> load.accepted.get() > afterChurn + 2000, java.time.Duration.ofSeconds(40),
                    () -> "traffic after the changes");
            load.finish(loop);
            load.assertAllAccepted();
            assertEquals("6", peer.client.configuration(1).orElseThrow().get("tls-timeout"));
        }
    }
}
