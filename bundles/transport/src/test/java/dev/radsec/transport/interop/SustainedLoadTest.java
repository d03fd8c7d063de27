package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DestinationStatistics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sustained load on a RadSec destination to FreeRADIUS. Regression tests for two bugs found by the interop tests
 * and fixed in 0b2bb12:
 * <ul>
 *   <li>a deadlock between the destination's monitor (held by {@code submit} while writing) and MINA's
 *       {@code SSLHandlerG0} lock (held by the I/O thread while delivering answers to {@code received});</li>
 *   <li>Identifiers resting {@code id-reuse-timeout} (at least 60 s) after every request, answered or not, which
 *       stopped a destination after 8 x 256 = 2,048 requests.</li>
 * </ul>
 * See {@link CallbackSendTest} for the deadlock that remains.
 */
class SustainedLoadTest extends FreeRadiusPeerTest {
    /** 2,000 requests, 200 in flight, sent from an application thread while answers arrive. */
    @Test
    void aSteadyStreamFromAnApplicationThreadIsAllAnswered() throws Exception {
        int destination = 1;
        int total = 2000;
        radsecDestinationUp(destination, "max-tx-buffers", "1000");
        Semaphore window = new Semaphore(200);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        Thread generator = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                try {
                    if (!window.tryAcquire(15, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                peer.client.send(destination, TransportContract.login("alice", "alice-pw")).whenComplete((r, t) -> {
                    (t == null && r.code() == PacketCode.ACCESS_ACCEPT ? accepted : failed).incrementAndGet();
                    window.release();
                });
                sent.incrementAndGet();
            }
        }, "application-thread");
        generator.setDaemon(true);
        generator.start();
        Waits.until(() -> accepted.get() + failed.get() == total, Duration.ofSeconds(15),
                () -> "all " + total + " answered; sent " + sent + ", accepted " + accepted + ", failed " + failed
                        + "; " + raw(destination));
        assertEquals(total, accepted.get(), () -> raw(destination).toString());
    }

    /**
     * 2,300 requests one after the other: past 8 links x 256 Identifiers, each answered request frees its
     * Identifier at once. One at a time, each must end within its timeout (5 s) plus margin.
     */
    @Test
    void aDestinationKeepsSendingPast2048AnsweredRequests() throws Exception {
        int destination = 2;
        int total = 2300;
        radsecDestinationUp(destination, "timeout", "5");
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
            int n = i;
            CompletableFuture<RadiusPacket> f = Waits.within(Duration.ofSeconds(5), "send",
                    () -> peer.client.send(destination, TransportContract.login("bob", "bob-pw")).toCompletableFuture());
            try {
                assertEquals(PacketCode.ACCESS_ACCEPT, f.get(10, TimeUnit.SECONDS).code());
            } catch (TimeoutException e) {
                throw new AssertionError("request " + (n + 1) + " neither answered nor timed out within 10 s "
                        + "(timeout 5 s), after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                        + " ms for the " + n + " before it: " + raw(destination) + ", connections "
                        + raw(destination).connections());
            } catch (ExecutionException e) {
                throw new AssertionError("request " + (n + 1) + " failed: " + e.getCause() + "; " + raw(destination));
            }
        }
        DestinationStatistics s = raw(destination);
        assertEquals(total, s.accepts(), s.toString());
        assertEquals(1, s.connections(), "one connection carries a sequential stream: " + s.connections());
        System.out.printf("SustainedLoadTest: %d sequential requests in %d ms%n", total,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Configures RadSec destination {@code destination} with {@code extra} settings, and waits until it is up. */
    static void radsecDestinationUp(int destination, String... extra) throws Exception {
        peer.radsecDestination(destination, extra);
        Waits.until(() -> raw(destination).state() == DestinationStatistics.State.UP, Duration.ofSeconds(10),
                () -> raw(destination).toString());
    }

    static DestinationStatistics raw(int destination) {
        return peer.client.statistics(destination).orElseThrow();
    }
}
