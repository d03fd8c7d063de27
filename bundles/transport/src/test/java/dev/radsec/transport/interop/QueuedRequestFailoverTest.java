package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DestinationStatistics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (a bug found in 0b2bb12): a request that times out while still waiting in a destination's queue, never sent, ends
 * as {@link dev.radsec.transport.RequestTimeoutException} and so is not failed over by
 * {@code send(List, ...)}, although the next destination is up.
 *
 * <p>{@code DestinationClient.expireQueued} (new in 0b2bb12: "a request waiting in the queue counts its wait
 * against its timeout") fails it with RequestTimeoutException ("could not send the request within 2 s (not
 * connected)"), and {@code RadiusClientImpl.sendFrom} never fails over a timeout, because "the request may have been
 * processed". This one cannot have been: it never left the queue. It happens whenever {@code timeout} is shorter
 * than {@code tls-timeout} and the handshake hangs, or when every Identifier is in use. The counters also count it
 * as a timeout although it was never counted as a request ({@code timeouts} 1, {@code requests} 0), so
 * {@code requests - answers - timeouts} can go negative.
 *
 * <p>Expected: never-sent requests end as unavailable (or a distinct exception that is failed over).
 */
class QueuedRequestFailoverTest {
    @TempDir
    Path dir;

    @Test
    void aRequestThatTimedOutUnsentInTheQueueFailsOver() throws Exception {
        Peer peer = Peer.started(dir);
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            Waits.closing(peer, () -> {
                peer.radsecDestination(1);
                Waits.until(() -> stats(peer, 1).state() == DestinationStatistics.State.UP, Duration.ofSeconds(10),
                        () -> stats(peer, 1).toString());
                // A server that accepts TCP but never speaks TLS: the handshake hangs for tls-timeout (10 s), longer
                // than the request timeout (2 s).
                peer.radsecDestination(2, "port", String.valueOf(silent.getLocalPort()), "tls-timeout", "10",
                        "timeout", "2");
                RadiusPacket r;
                try {
                    r = peer.client.send(List.of(2, 1), TransportContract.login("alice", "alice-pw"))
                            .toCompletableFuture().get(8, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw new AssertionError("not failed over: " + e.getCause() + "; " + stats(peer, 2));
                }
                assertEquals(PacketCode.ACCESS_ACCEPT, r.code());
            });
        }
    }

    static DestinationStatistics stats(Peer peer, int id) {
        return peer.client.statistics(id).orElseThrow();
    }
}
