package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationStatistics.State;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RequestTimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A UDP destination whose server stops listening (its process killed: the kernel answers each datagram with ICMP
 * port unreachable) under load, and listens again later. Real sockets on 127.0.0.1, the destination's timers on a
 * manual clock; only the I/O is waited for, in real time and bounded.
 *
 * <p>Before the fix, MINA closed the destination's socket at the first ICMP (on a read because
 * {@code closeOnPortUnreachable} is on by default, on a write always, logging "closing session: null") and the link
 * never noticed: it stayed UP, writing into a closed session, so nothing it sent was answered again even once the
 * server was back. Every request timed out, and its Identifier rested for {@code id-reuse-timeout} (120 s); with
 * Status-Server on (the default), the watchdog, finding no Identifier to probe with, never judged the link. Under
 * load the destination then sent nothing at all for two minutes: UP, its statistics showing thousands pending, while
 * each new request waited out its timeout in the queue ("every Identifier in use"), and the ICMP stopped since
 * nothing was sent any more.
 */
class UdpPortUnreachableTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final String SECRET = "port-unreachable-secret";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Real time allowed for loopback I/O and a link coming up. */
    private static final Duration IO = Duration.ofSeconds(10);
    /**
     * The longest a request may take with {@code timeout = 1} and {@code retries = 2}: 1 s in the queue at most, then
     * 1 s + 2.2 s + 4.4 s of RFC 5080 waits (jitter included).
     */
    private static final Duration LONGEST = Duration.ofMillis(8_700);

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-12-03T00:00:00Z"));
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Responder responder;
    private UdpLinkFactory links;
    private DestinationClient client;

    @AfterEach
    void closeAll() throws Exception {
        if (client != null) {
            client.close("test over");
        }
        if (links != null) {
            links.close();
        }
        if (responder != null) {
            responder.close();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    /** The server, its port held for the test, and the destination (status-server at its default, 30 s), UP. */
    private int start() throws Exception {
        responder = new Responder(0);
        int port = responder.port();
        closing.add(new PortHolder(port));
        DestinationSettings s = DestinationSettings.parse(new HashMap<>(Map.of("id", "7", "address", "127.0.0.1",
                "protocol", "udp", "port", String.valueOf(port), "accounting-port", String.valueOf(port),
                "secret", SECRET, "timeout", "1", "retries", "2")));
        links = new UdpLinkFactory(s);
        // completions on the thread that ends the request: the manual clock's, when it times out
        client = new DestinationClient(s, RadiusDictionary.of(DICT), timer, links, Runnable::run);
        client.start();
        await("the destination up", () -> stats().state() == State.UP);
        return port;
    }

    @Test
    void requestsInFlightWhenNothingListenedAreAnsweredOnceSomethingListensAgain() throws Exception {
        int port = start();
        assertAnswered(send(100));
        responder.close(); // killed: the kernel now answers port unreachable
        ClosedUdpPorts.assertRefused(port);
        List<CompletableFuture<RadiusPacket>> inFlight = send(300);
        await("300 more requests sent", () -> stats().requests() == 400);
        await("the destination's sockets told of ICMP port unreachable", () -> links.portUnreachableReports() > 0);

        responder = new Responder(port); // restarted within the requests' timeouts
        timer.advance(Duration.ofMillis(1_500)); // each is sent again once
        assertAnswered(inFlight);
        assertEquals(State.UP, stats().state());
    }

    @Test
    void underLoadEveryRequestEndsInTimeWhileNothingListensAndTheDestinationRecoversOnceSomethingDoes()
            throws Exception {
        int port = start();
        Instant start = timer.now();
        assertAnswered(send(100));
        responder.close();
        ClosedUdpPorts.assertRefused(port);
        Map<CompletableFuture<RadiusPacket>, Instant> sent = new LinkedHashMap<>();
        // More than the 8 links x 256 Identifiers there are, 100 at a time (max-tx-buffers); a link comes up in
        // real time, so each batch is waited for until it is sent, or, once every Identifier is taken, queued.
        for (int batch = 1; batch <= 21; batch++) {
            send(100).forEach(f -> sent.put(f, timer.now()));
            long expected = 100 + Math.min(batch * 100, 8 * 256);
            await("batch " + batch + " sent", () -> stats().requests() == expected);
        }
        await("the destination's sockets told of ICMP port unreachable", () -> links.portUnreachableReports() > 0);

        // More keep arriving while every Identifier is in use, then rests: each ends within its timeouts.
        while (timer.now().isBefore(start.plusSeconds(20))) {
            timer.advance(Duration.ofMillis(500));
            send(10).forEach(f -> sent.put(f, timer.now()));
            assertEndedInTime(sent);
        }
        timer.advance(LONGEST);
        assertEndedInTime(sent);
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<RadiusPacket> f : sent.keySet()) {
            Throwable failure = failure(f);
            if (!(failure instanceof RequestTimeoutException || failure instanceof DestinationUnavailableException)) {
                outcomes.add(String.valueOf(failure));
            }
        }
        assertTrue(outcomes.isEmpty(), "nothing is answered, and a request ends as a timeout or unavailable: "
                + outcomes);
        assertEquals(2048, stats().timeouts(), "each Identifier's request timed out once: " + stats());

        // The server is back. The watchdog finds every Identifier resting and closes the links 30 s after the last
        // answer; the destination reconnects within 0.5 s: not id-reuse-timeout (120 s) later.
        responder = new Responder(port);
        timer.advance(Duration.between(timer.now(), start.plusMillis(31_000)));
        await("the destination up again", () -> stats().state() == State.UP && stats().connections() > 0);
        assertAnswered(send(50));
    }

    // ---------------------------------------------------------------- helpers

    private DestinationStatistics stats() {
        return client.statistics();
    }

    private List<CompletableFuture<RadiusPacket>> send(int n) {
        List<CompletableFuture<RadiusPacket>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(client.submit(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "alice")
                    .add("User-Password", "alice-pw").build()));
        }
        return sent;
    }

    /** Every request, answered with an Access-Accept, waiting only for the loopback I/O. */
    private void assertAnswered(List<CompletableFuture<RadiusPacket>> requests) throws Exception {
        long deadline = System.nanoTime() + IO.toNanos();
        int i = 0;
        for (CompletableFuture<RadiusPacket> f : requests) {
            try {
                RadiusPacket answer = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertEquals(PacketCode.ACCESS_ACCEPT, answer.code());
            } catch (java.util.concurrent.TimeoutException e) {
                long open = requests.stream().filter(r -> !r.isDone()).count();
                throw new AssertionError(open + " of " + requests.size() + " requests unanswered after " + IO.toSeconds()
                        + " s (first: #" + i + "): " + stats());
            }
            i++;
        }
    }

    /** Every request submitted {@link #LONGEST} ago or earlier has ended (the clock's thread ends them). */
    private void assertEndedInTime(Map<CompletableFuture<RadiusPacket>, Instant> sent) {
        Instant due = timer.now().minus(LONGEST);
        long late = sent.entrySet().stream().filter(e -> !e.getValue().isAfter(due) && !e.getKey().isDone()).count();
        assertEquals(0, late, "requests still open " + LONGEST.toMillis() + " ms after they were submitted, at "
                + timer.now() + ": " + stats());
    }

    private static Throwable failure(CompletableFuture<RadiusPacket> f) throws InterruptedException {
        try {
            return new AssertionError("answered: " + f.get().code());
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, this::stats);
    }

    private static void await(String what, BooleanSupplier condition, Supplier<Object> evidence)
            throws InterruptedException {
        long deadline = System.nanoTime() + IO.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + IO.toSeconds() + " s: " + what + "; " + evidence.get());
            }
            Thread.sleep(5); // polling real I/O, not standing in for a timeout
        }
    }

    /** The server: answers each Access-Request with an Access-Accept from its own thread, until closed. */
    static final class Responder implements AutoCloseable {
        private final DatagramChannel channel;

        Responder(int port) throws IOException {
            channel = DatagramChannel.open().setOption(StandardSocketOptions.SO_REUSEADDR, true)
                    .setOption(StandardSocketOptions.SO_RCVBUF, UdpLinkFactory.RECEIVE_BUFFER)
                    .bind(new InetSocketAddress(LOOPBACK, port));
            Thread t = new Thread(this::answer, "udp-responder-" + port());
            t.setDaemon(true);
            t.start();
        }

        int port() throws IOException {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        private void answer() {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.isOpen()) {
                try {
                    buffer.clear();
                    SocketAddress from = channel.receive(buffer);
                    byte[] wire = Arrays.copyOf(buffer.array(), buffer.position());
                    RadiusPacket request = CODEC.decodeRequest(wire, 0, wire.length, SharedSecret.of(SECRET),
                            MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
                    byte[] answer = CODEC.encodeResponse(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT)
                            .identifier(request.identifier()).build(), request, SharedSecret.of(SECRET));
                    channel.send(ByteBuffer.wrap(answer), from);
                } catch (IOException closed) {
                    return;
                } catch (RuntimeException | dev.radsec.codec.RadiusDecodeException e) {
                    // not a request of ours: ignored, as a server would
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Keeps the server's port from being taken by anyone else while nothing listens on it: bound to it too, but
     * connected (to itself), so it takes no datagram from the destination, and the kernel answers those with ICMP
     * port unreachable as for a port nothing is bound to.
     */
    static final class PortHolder implements AutoCloseable {
        private final DatagramChannel channel;

        PortHolder(int port) throws IOException {
            InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
            channel = DatagramChannel.open().setOption(StandardSocketOptions.SO_REUSEADDR, true).bind(address);
            channel.connect(address);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
