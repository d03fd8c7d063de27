package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.transport.DestinationStatistics;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RadSec destinations whose server refuses the TCP connection (nothing listens on the port).
 *
 * <p>Regression test for a bug found by the interop tests and fixed in 0b2bb12: a refused connect could complete
 * MINA's {@code ConnectFuture} before {@code RadsecLinkFactory.open} added its listener, which then ran at once
 * on the calling thread, inside {@code new Conn(...)} before the connection was registered; the report was
 * dropped. The destination then stayed CONNECTING with its requests queued forever (first attempt), or DOWN
 * without ever reconnecting (later attempts). A plain MINA probe saw the listener run on the caller in 14 of 200
 * connects to a closed loopback port; through the destination, 3 of 4 destinations hung in one run.
 */
class UnreachableDestinationTest extends FreeRadiusPeerTest {
    @Test
    void everyRequestToAnUnreachableDestinationEnds() throws Exception {
        Map<Integer, CompletableFuture<RadiusPacket>> sent = new LinkedHashMap<>();
        for (int id = 100; id < 130; id++) {
            int port = FreeRadiusProcess.freeTcpPort();
            peer.radsecDestination(id, "port", String.valueOf(port));
            sent.put(id, peer.client.send(id, TransportContract.login("alice", "alice-pw")).toCompletableFuture());
        }
        // Connection refused comes back at once; tls-timeout is 5 s. Either way 8 s is ample.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        for (CompletableFuture<RadiusPacket> f : sent.values()) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                f.get(left, TimeUnit.NANOSECONDS);
            } catch (Exception ended) {
                // Ended one way or another; the open ones are listed below.
            }
        }
        List<String> open = new ArrayList<>();
        sent.forEach((id, f) -> {
            if (!f.isDone()) {
                open.add(String.valueOf(peer.client.statistics(id).orElseThrow()));
            }
        });
        assertTrue(open.isEmpty(), open.size() + " of " + sent.size()
                + " requests to unreachable destinations never ended:\n" + String.join("\n", open));
    }

    @Test
    void anUnreachableDestinationComesUpOnceItsServerIsThere() throws Exception {
        int port = FreeRadiusProcess.freeTcpPort();
        List<Integer> ids = new ArrayList<>();
        for (int id = 200; id < 210; id++) {
            peer.radsecDestination(id, "port", String.valueOf(port));
            ids.add(id);
        }
        // The server is away for a while (the scenario, not a synchronisation): with backoff from 0.5 s, each
        // destination makes two or three refused attempts.
        Thread.sleep(2_000);
        FreeRadiusProcess server = Peer.serverBuilder(Files.createDirectories(dir.resolve("late-server")), peer.pki, port)
                .start();
        try {
            // Backoff ceiling after 2 s of attempts is 4 s; 12 s covers the next attempt with room to spare.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
            List<String> notUp = new ArrayList<>();
            while (true) {
                notUp.clear();
                for (int id : ids) {
                    DestinationStatistics s = peer.client.statistics(id).orElseThrow();
                    if (s.state() != DestinationStatistics.State.UP) {
                        notUp.add(s.toString());
                    }
                }
                if (notUp.isEmpty() || System.nanoTime() - deadline > 0) {
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(notUp.isEmpty(), notUp.size() + " of " + ids.size()
                    + " destinations did not come up within 12 s of their server starting:\n" + String.join("\n", notUp));
        } finally {
            server.close();
        }
    }
}
