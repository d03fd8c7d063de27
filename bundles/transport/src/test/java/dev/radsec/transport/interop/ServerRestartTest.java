package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationStatistics.State;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RequestTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RadSec destination under load loses its server: FreeRADIUS is stopped mid-stream and a new one started on the
 * same RadSec port. Every request ends (answer, unavailable or timeout), the counters add up, the destination
 * goes down and comes back up by itself, and then answers again.
 *
 * <p>Before 0b2bb12 this failed: the stream deadlocked the client before the server was stopped (see
 * {@link SustainedLoadTest}), and a refused reconnect while the server was away could be lost for good (see
 * {@link UnreachableDestinationTest}).
 */
class ServerRestartTest {
    static final int DESTINATION = 1;
    static final int TOTAL = 2000;
    static final int WINDOW = 200;
    static final int KILL_AFTER = 500;

    @TempDir
    Path dir;

    @Test
    void everyRequestEndsAndTheDestinationComesBackAfterARestart() throws Exception {
        Peer peer = Peer.started(dir);
        AtomicReference<FreeRadiusProcess> second = new AtomicReference<>();
        Throwable failure = null;
        try {
            run(peer, second);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            try {
                Waits.close(peer);
            } catch (Throwable t) {
                if (failure == null) {
                    throw t;
                }
                failure.addSuppressed(t);
            } finally {
                if (second.get() != null) {
                    second.get().close();
                }
            }
        }
    }

    private void run(Peer peer, AtomicReference<FreeRadiusProcess> restarted) throws Exception {
        int port = peer.server.radsecPort();
        // max-tx-buffers well above the window: queue-full is not what this test is about.
        peer.radsecDestination(DESTINATION, "max-tx-buffers", "1000");
        Waits.until(() -> state(peer) == State.UP, Duration.ofSeconds(10), () -> "first connection up: " + raw(peer));

        // Record every state the destination is seen in.
        List<State> states = new ArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                State s = state(peer);
                synchronized (states) {
                    if (states.isEmpty() || states.get(states.size() - 1) != s) {
                        states.add(s);
                    }
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "state-sampler");
        sampler.setDaemon(true);
        sampler.start();

        // The stream: TOTAL requests, at most WINDOW unanswered; the server is stopped after KILL_AFTER answers.
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicLong killedAt = new AtomicLong();
        AtomicReference<Thread> killer = new AtomicReference<>();
        @SuppressWarnings("unchecked")
        CompletableFuture<RadiusPacket>[] futures = new CompletableFuture[TOTAL];
        Semaphore window = new Semaphore(WINDOW);
        AtomicInteger stalledAt = new AtomicInteger(-1);
        Thread generator = new Thread(() -> {
            for (int i = 0; i < TOTAL; i++) {
                try {
                    if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
                        stalledAt.set(i);
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                CompletableFuture<RadiusPacket> f = peer.client.send(DESTINATION, i % 2 == 0
                        ? TransportContract.login("alice", "alice-pw") : TransportContract.login("bob", "bob-pw"))
                        .toCompletableFuture();
                futures[i] = f;
                f.whenComplete((r, t) -> {
                    Throwable cause = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
                    if (cause == null && r.code() == PacketCode.ACCESS_ACCEPT) {
                        accepted.incrementAndGet();
                    } else if (cause instanceof DestinationUnavailableException) {
                        unavailable.incrementAndGet();
                    } else if (cause instanceof RequestTimeoutException) {
                        timedOut.incrementAndGet();
                    } else {
                        unexpected.add(cause != null ? cause : new AssertionError("answered " + r.code()));
                    }
                    if (completed.incrementAndGet() == KILL_AFTER) {
                        Thread k = new Thread(() -> {
                            peer.server.close();
                            killedAt.set(System.nanoTime());
                        }, "freeradius-killer");
                        killer.set(k);
                        k.start();
                    }
                    window.release();
                });
            }
        }, "load-generator");
        generator.setDaemon(true);
        generator.start();

        Waits.until(() -> killedAt.get() != 0, Duration.ofSeconds(10),
                () -> "FreeRADIUS stopped after " + KILL_AFTER + " answers; completed " + completed + ", " + raw(peer));
        assertFalse(peer.server.isAlive());
        Waits.until(() -> state(peer) == State.DOWN, Duration.ofSeconds(5), () -> "destination down: " + raw(peer));
        long downMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt.get());

        // While it is down, a request is refused at once as unavailable.
        try {
            Waits.within(Duration.ofSeconds(5), "send while down", () -> peer.client.send(DESTINATION,
                    TransportContract.login("alice", "alice-pw")).toCompletableFuture()).get(5, TimeUnit.SECONDS);
            throw new AssertionError("answered while the server was stopped");
        } catch (ExecutionException e) {
            assertInstanceOf(DestinationUnavailableException.class, e.getCause());
        }

        // The same RadSec port, a new server process.
        long restartAt = System.nanoTime();
        FreeRadiusProcess second = Peer.serverBuilder(dir.resolve("freeradius-2"), peer.pki, port).start();
        restarted.set(second);
        long startedAt = System.nanoTime();
        assertEquals(port, second.radsecPort());
        Waits.until(() -> state(peer) == State.UP, Duration.ofSeconds(15),
                () -> "destination up again after the restart: " + raw(peer) + "\n" + second.log());
        long upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);

        // Every request of the stream ended.
        generator.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(generator.isAlive(), "the generator is still submitting: completed " + completed + Waits.deadlocks());
        assertEquals(-1, stalledAt.get(), () -> "the stream stalled at request " + stalledAt + " with " + WINDOW
                + " unanswered: " + Waits.describe(() -> raw(peer).toString()) + Waits.deadlocks());
        try {
            CompletableFuture.allOf(futures).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException someFailed) {
            // Failures are counted below.
        } catch (TimeoutException e) {
            long open = java.util.Arrays.stream(futures).filter(f -> !f.isDone()).count();
            throw new AssertionError(open + " requests never ended: " + Waits.describe(() -> raw(peer).toString())
                    + Waits.deadlocks());
        }
        Waits.until(() -> completed.get() == TOTAL, Duration.ofSeconds(5), () -> "callbacks ran: " + completed);
        assertTrue(unexpected.isEmpty(), () -> "unexpected outcomes: " + unexpected);
        assertEquals(TOTAL, accepted.get() + unavailable.get() + timedOut.get());
        assertTrue(accepted.get() >= KILL_AFTER - WINDOW, "accepted " + accepted);
        assertTrue(unavailable.get() > 0, "nothing failed although the server was stopped mid-stream");

        // The counters add up: every transmitted request was answered, timed out, or lost with its connection.
        DestinationStatistics s = stats(peer);
        assertEquals(0, s.pending(), s.toString());
        assertEquals(accepted.get(), s.accepts(), s.toString());
        assertEquals(0, s.rejects(), s.toString());
        assertEquals(timedOut.get(), s.timeouts(), s.toString());
        assertEquals(0, s.queueFull(), s.toString());
        assertEquals(0, s.badReplies() + s.malformed() + s.unknownTypes(), s.toString());
        long lostOnTheWire = s.requests() - s.accepts() - s.rejects() - s.timeouts();
        assertTrue(lostOnTheWire >= 0 && lostOnTheWire <= Math.min(WINDOW, unavailable.get()),
                "requests " + s.requests() + " - answered - timed out = " + lostOnTheWire + " lost with the connection; "
                        + unavailable + " reported unavailable");
        assertTrue(s.requests() <= TOTAL, s.toString());
        assertTrue(s.connections() >= 1, s.toString());

        // And it answers again.
        List<CompletableFuture<RadiusPacket>> after = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            after.add(Waits.within(Duration.ofSeconds(5), "send after the restart", () -> peer.client.send(DESTINATION,
                    TransportContract.login("alice", "alice-pw")).toCompletableFuture()));
        }
        for (CompletableFuture<RadiusPacket> f : after) {
            assertEquals(PacketCode.ACCESS_ACCEPT, f.get(10, TimeUnit.SECONDS).code());
        }

        sampling.set(false);
        sampler.join(1000);
        List<State> seen;
        synchronized (states) {
            seen = List.copyOf(states);
        }
        int up = seen.indexOf(State.UP);
        int down = seen.subList(up + 1, seen.size()).indexOf(State.DOWN) + up + 1;
        assertTrue(up == 0 && down > up && seen.subList(down + 1, seen.size()).contains(State.UP),
                "states seen: " + seen);

        Thread k = killer.get();
        if (k != null) {
            k.join(1000);
        }
        System.out.printf("ServerRestartTest: %d accepted, %d unavailable, %d timed out; %d lost on the wire; "
                        + "down %d ms after the server exited; up %d ms after the new server answered "
                        + "(restart took %d ms); states %s; %s%n",
                accepted.get(), unavailable.get(), timedOut.get(), lostOnTheWire, downMillis, upMillis,
                TimeUnit.NANOSECONDS.toMillis(startedAt - restartAt), seen, s);
    }

    /** The statistics, read directly: only inside {@link Waits} (which bounds the wait) or the sampler thread. */
    static DestinationStatistics raw(Peer peer) {
        return peer.client.statistics(DESTINATION).orElseThrow();
    }

    static DestinationStatistics stats(Peer peer) throws Exception {
        return Waits.within(Duration.ofSeconds(5), "statistics", () -> raw(peer));
    }

    static State state(Peer peer) {
        return raw(peer).state();
    }
}
