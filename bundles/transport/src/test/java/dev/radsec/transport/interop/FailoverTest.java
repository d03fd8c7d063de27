package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.QueueFullException;
import dev.radsec.transport.RequestTimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link dev.radsec.transport.RadiusClient#send(List, RadiusPacket)}: a request moves down the list when a
 * destination is unavailable or its queue is full, gets the live destination's answer, and is not moved on after
 * a timeout.
 *
 * <p>Down destinations: a closed port (connection refused), or a listener that accepts TCP and closes at once.
 * The burst of queued requests fails over to a UDP destination: failover across transports.
 */
class FailoverTest extends FreeRadiusPeerTest {
    /** The live RadSec destination, to the real FreeRADIUS. */
    static final int LIVE = 1;
    /** The live UDP destination, to the same FreeRADIUS. */
    static final int LIVE_UDP = 11;

    /** Accepts TCP connections and closes them at once: a RadSec server that is there but will not talk. */
    static ServerSocket closing;
    static Thread closer;

    /** After {@link FreeRadiusPeerTest#start}, which starts the peer. */
    @BeforeAll
    static void configure() throws Exception {
        peer.radsecDestination(LIVE);
        peer.udpDestination(LIVE_UDP, "max-tx-buffers", "100");
        Waits.until(() -> state(LIVE) == DestinationStatistics.State.UP, Duration.ofSeconds(10), () -> "live up");
        closing = new ServerSocket();
        closing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        closer = new Thread(() -> {
            while (!closing.isClosed()) {
                try (Socket s = closing.accept()) {
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    // closed: done
                }
            }
        }, "closing-server");
        closer.setDaemon(true);
        closer.start();
    }

    /** Before {@link FreeRadiusPeerTest#stop}, which closes the peer. */
    @AfterAll
    static void closeServer() throws Exception {
        if (closing != null) {
            closing.close();
        }
    }

    @Test
    void aDownDestinationIsSkipped() throws Exception {
        int dead = 2;
        peer.radsecDestination(dead, "port", String.valueOf(FreeRadiusProcess.freeTcpPort()));
        skipped(dead);
    }

    @Test
    void aDestinationWhoseServerClosesTheConnectionIsSkipped() throws Exception {
        int dead = 8;
        peer.radsecDestination(dead, "port", String.valueOf(closing.getLocalPort()));
        skipped(dead);
    }

    /** {@code dead} goes down, refuses alone, and is skipped in a list. */
    private void skipped(int dead) throws Exception {
        Waits.until(() -> state(dead) == DestinationStatistics.State.DOWN, Duration.ofSeconds(5),
                () -> "dead destination down: " + stats(dead));

        // Alone, the dead destination refuses at once.
        Throwable alone = failure(peer.client.send(dead, login()).toCompletableFuture());
        assertInstanceOf(DestinationUnavailableException.class, alone);
        assertEquals(dead, ((DestinationUnavailableException) alone).destinationId());

        long liveBefore = stats(LIVE).accepts();
        RadiusPacket r = peer.client.send(List.of(dead, LIVE), login()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(PacketCode.ACCESS_ACCEPT, r.code());
        assertEquals("hello alice", r.first("Reply-Message").orElseThrow().asString());
        assertEquals(liveBefore + 1, stats(LIVE).accepts());
        assertEquals(0, stats(dead).requests(), stats(dead).toString());
    }

    @Test
    void aRequestQueuedWhileTheFirstConnectionFailsFailsOver() throws Exception {
        // Sent right after configuration: the destination is still CONNECTING, so the request is queued; it fails
        // over when the connection is refused.
        int dead = 3;
        peer.radsecDestination(dead, "port", String.valueOf(FreeRadiusProcess.freeTcpPort()));
        CompletableFuture<RadiusPacket> f = peer.client.send(List.of(dead, LIVE), login()).toCompletableFuture();
        assertEquals(PacketCode.ACCESS_ACCEPT, f.get(10, TimeUnit.SECONDS).code());
        assertEquals(0, stats(dead).requests(), stats(dead).toString());
    }

    @Test
    void aDestinationWhoseQueueIsFullFailsOver() throws Exception {
        // A TCP listener that never speaks TLS: the connection opens, the handshake hangs until tls-timeout (3 s),
        // and meanwhile requests wait in the queue, at most max-tx-buffers (32) of them.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            int stalled = 4;
            peer.radsecDestination(stalled, "port", String.valueOf(silent.getLocalPort()), "max-tx-buffers", "32",
                    "tls-timeout", "3");
            long udpBefore = stats(LIVE_UDP).accepts();
            long liveBefore = stats(LIVE).accepts();
            List<CompletableFuture<RadiusPacket>> queued = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                queued.add(peer.client.send(List.of(stalled, LIVE_UDP), login()).toCompletableFuture());
            }
            assertEquals(DestinationStatistics.State.CONNECTING, state(stalled));
            assertEquals(32, stats(stalled).pending(), stats(stalled).toString());

            // Alone, the 33rd is refused as queue-full ...
            Throwable full = failure(peer.client.send(stalled, login()).toCompletableFuture());
            assertInstanceOf(QueueFullException.class, full);
            assertEquals(stalled, ((QueueFullException) full).destinationId());
            assertEquals(1, stats(stalled).queueFull());

            // ... and with a list it fails over at once, long before the handshake times out.
            long t0 = System.nanoTime();
            RadiusPacket r = peer.client.send(List.of(stalled, LIVE), login()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(PacketCode.ACCESS_ACCEPT, r.code());
            assertTrue(millis < 2_000, "queue-full failover took " + millis + " ms");
            assertEquals(2, stats(stalled).queueFull());
            assertEquals(liveBefore + 1, stats(LIVE).accepts());
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "queued requests ended early");

            // When the handshake times out, the 32 queued requests are failed as unavailable and fail over too.
            CompletableFuture.allOf(queued.toArray(new CompletableFuture[0])).get(15, TimeUnit.SECONDS);
            for (CompletableFuture<RadiusPacket> f : queued) {
                assertEquals(PacketCode.ACCESS_ACCEPT, f.get().code());
            }
            assertEquals(udpBefore + 32, stats(LIVE_UDP).accepts(), stats(LIVE_UDP).toString());
            DestinationStatistics s = stats(stalled);
            assertEquals(0, s.requests(), s.toString());
            assertEquals(0, s.pending(), s.toString());
            assertEquals(DestinationStatistics.State.DOWN, s.state(), s.toString());
        }
    }

    @Test
    void theLastDestinationsFailureIsReported() throws Exception {
        int deadA = 5;
        int deadB = 6;
        peer.radsecDestination(deadA, "port", String.valueOf(FreeRadiusProcess.freeTcpPort()));
        peer.radsecDestination(deadB, "port", String.valueOf(closing.getLocalPort()));
        Waits.until(() -> state(deadA) == DestinationStatistics.State.DOWN
                        && state(deadB) == DestinationStatistics.State.DOWN,
                Duration.ofSeconds(5), () -> "dead destinations down: " + stats(deadA) + "; " + stats(deadB));
        Throwable t = failure(peer.client.send(List.of(deadA, deadB), login()).toCompletableFuture());
        assertInstanceOf(DestinationUnavailableException.class, t);
        assertEquals(deadB, ((DestinationUnavailableException) t).destinationId());
    }

    @Test
    void aTimeoutIsNotFailedOver() throws Exception {
        // A wrong RadSec secret: FreeRADIUS drops the request silently (INTEROP.md), so it times out (timeout 1 s).
        int silent = 7;
        peer.radsecDestination(silent, "secret", "not-the-radsec-secret", "timeout", "1");
        long liveBefore = stats(LIVE).requests();
        Throwable t = failure(peer.client.send(List.of(silent, LIVE), login()).toCompletableFuture());
        assertInstanceOf(RequestTimeoutException.class, t);
        assertEquals(silent, ((RequestTimeoutException) t).destinationId());
        assertEquals(liveBefore, stats(LIVE).requests(), "the request was moved on after a timeout");
        assertEquals(1, stats(silent).timeouts(), stats(silent).toString());
    }

    // ---------------------------------------------------------------- helpers

    static RadiusPacket login() {
        return TransportContract.login("alice", "alice-pw");
    }

    static DestinationStatistics stats(int id) {
        return peer.client.statistics(id).orElseThrow();
    }

    static DestinationStatistics.State state(int id) {
        return stats(id).state();
    }

    static Throwable failure(CompletableFuture<RadiusPacket> f) throws Exception {
        try {
            RadiusPacket r = f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("answered: " + r.code());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
