package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RadiusClient.Service;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client service with destinations over real UDP sockets on loopback, each a small server of the test's that
 * answers Access-Accept with its own name: duplicate ids, disabled destinations and the failover list.
 */
class RadiusClientSelectionTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final String SECRET = "selection-test-secret";

    @TempDir
    Path dir;
    private InProcessPki pki;
    private ExecutorScheduler timer;
    private RadiusClientImpl client;
    private final List<Server> servers = new java.util.ArrayList<>();

    /** A UDP server that answers every verified request with Reply-Message = its name, and remembers the User-Names. */
    private final class Server implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        final List<String> users = new java.util.concurrent.CopyOnWriteArrayList<>();

        Server(String name) throws Exception {
            servers.add(this);
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket in = new DatagramPacket(buf, buf.length);
                        socket.receive(in);
                        byte[] wire = Arrays.copyOf(buf, in.getLength());
                        RadiusPacket req = CODEC.decodeRequest(wire, 0, wire.length, SharedSecret.of(SECRET),
                                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
                        users.add(req.first("User-Name").map(a -> a.asString()).orElse("-"));
                        PacketCode code = req.code() == PacketCode.ACCOUNTING_REQUEST ? PacketCode.ACCOUNTING_RESPONSE
                                : PacketCode.ACCESS_ACCEPT;
                        byte[] out = CODEC.encodeResponse(RadiusPacket.builder(code, DICT)
                                .identifier(req.identifier()).add("Reply-Message", name).build(), req,
                                SharedSecret.of(SECRET));
                        socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                    } catch (Exception e) {
                        // closed
                    }
                }
            }, "selection-server-" + name);
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        pki = new InProcessPki(dir);
        timer = new ExecutorScheduler(Clock.systemUTC(), "selection-test");
        client = new RadiusClientImpl(pki.credentials, DICT, timer);
    }

    @AfterEach
    void stop() {
        client.close();
        servers.forEach(Server::close);
        timer.close();
        pki.close();
    }

    private void destination(String pid, int id, Server server, String... kv) throws InvalidConfigurationException {
        Map<String, Object> p = new HashMap<>(Map.of("id", String.valueOf(id), "address", "127.0.0.1",
                "protocol", "udp", "port", String.valueOf(server.port()), "accounting-port",
                String.valueOf(server.port()), "secret", SECRET, "status-server", "0"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        client.destinationConfigured(pid, p);
    }

    private static RadiusPacket login(String user) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", user)
                .add("User-Password", "pw").build();
    }

    private static String answeredBy(CompletableFuture<RadiusPacket> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS).first("Reply-Message").orElseThrow().asString();
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void aSecondConfigurationWithTheSameIdIsRefusedAndTheFirstKeepsRunning() throws Exception {
        Server a = new Server("a");
        Server b = new Server("b");
        destination("dev.radsec.destination~a", 3, a);
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> destination("dev.radsec.destination~b", 3, b));
        assertEquals("id", e.key());
        assertEquals("id: 3 is already the id of dev.radsec.destination~a (this configuration is applied once that "
                + "id is free)", e.getMessage());
        assertEquals(String.valueOf(a.port()), client.configuration(3).orElseThrow().get("port"));
        assertEquals(List.of(3), client.destinations());
        assertEquals("a", answeredBy(client.send(3, login("alice")).toCompletableFuture()));
        destination("dev.radsec.destination~a", 3, a, "comment", "changed"); // the owner may change it
        assertEquals("changed", client.configuration(3).orElseThrow().get("comment"));
    }

    @Test
    void aRefusedDuplicateRunsOnceItsIdIsFree() throws Exception {
        Server a = new Server("a");
        Server b = new Server("b");
        Server c = new Server("c");
        destination("dev.radsec.destination~a", 3, a);
        assertThrows(InvalidConfigurationException.class, () -> destination("dev.radsec.destination~b", 3, b));
        assertThrows(InvalidConfigurationException.class, () -> destination("dev.radsec.destination~c", 3, c));
        client.destinationRemoved("dev.radsec.destination~c"); // gave up waiting
        client.destinationRemoved("dev.radsec.destination~a");
        assertEquals(String.valueOf(b.port()), client.configuration(3).orElseThrow().get("port"), "b waited first");
        assertEquals("b", answeredBy(client.send(3, login("alice")).toCompletableFuture()));

        assertThrows(InvalidConfigurationException.class, () -> destination("dev.radsec.destination~a", 3, a),
                "a now waits for b ...");
        destination("dev.radsec.destination~b", 4, b); // ... which moves to another id
        assertEquals("a", answeredBy(client.send(3, login("alice")).toCompletableFuture()));
        assertEquals("b", answeredBy(client.send(4, login("alice")).toCompletableFuture()));
        assertEquals(List.of(3, 4), client.destinations());
    }

    @Test
    void aDisabledDestinationSendsNothingUntilItIsEnabledAgain() throws Exception {
        Server s = new Server("s");
        destination("d5", 5, s, "disabled", "true", "comment", "spare");
        assertEquals(DestinationStatistics.State.DISABLED, client.statistics(5).orElseThrow().state());
        assertEquals("true", client.configuration(5).orElseThrow().get("disabled"));
        assertEquals("spare", client.configuration(5).orElseThrow().get("comment"), "the configuration stays");
        Throwable refused = failure(client.send(5, login("before")).toCompletableFuture());
        assertInstanceOf(DestinationUnavailableException.class, refused);
        assertEquals(1, client.statistics(5).orElseThrow().unavailable());

        destination("d5", 5, s, "disabled", "false", "comment", "spare");
        assertEquals("s", answeredBy(client.send(5, login("after")).toCompletableFuture()));
        assertEquals(List.of("after"), s.users, "the first datagram the server ever got came after enabling");
    }

    @Test
    void aFailoverListSkipsADisabledDestinationWithoutCountingIt() throws Exception {
        Server off = new Server("off");
        Server on = new Server("on");
        destination("d5", 5, off, "disabled", "true");
        destination("d6", 6, on);
        assertEquals("on", answeredBy(client.send(List.of(5, 6), login("alice")).toCompletableFuture()));
        assertEquals(0, client.statistics(5).orElseThrow().unavailable(), "skipped, not tried");
        Throwable none = failure(client.send(List.of(5), login("alice")).toCompletableFuture());
        assertInstanceOf(DestinationUnavailableException.class, none);
        assertTrue(none.getMessage().contains("no destination of [5] takes this"), none.getMessage());
    }

    @Test
    void aRelaySendUsesOnlyRelayDestinationsAndALoginSendOnlyLoginOnes() throws Exception {
        Server login = new Server("login");
        Server relay = new Server("relay");
        destination("d1", 1, login, "service", "login");
        destination("d2", 2, relay, "service", "relay");
        assertEquals("login", client.configuration(1).orElseThrow().get("service"));
        assertEquals("relay", answeredBy(client.send(List.of(1, 2), login("alice"), Service.RELAY)
                .toCompletableFuture()));
        assertEquals("login", answeredBy(client.send(List.of(1, 2), login("alice"), Service.LOGIN)
                .toCompletableFuture()));
        assertEquals("login", answeredBy(client.send(List.of(1, 2), login("alice")).toCompletableFuture()),
                "no service asked: the list as it is");
    }

    @Test
    void anAccountingBackupTakesAccountingOnlyWhenThePrimariesAreUnavailable() throws Exception {
        Server primary = new Server("primary");
        Server backup = new Server("backup");
        destination("d1", 1, primary);
        destination("d2", 2, backup, "accounting-backup", "true");
        RadiusPacket start = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).add("User-Name", "alice")
                .add("Acct-Status-Type", "Start").build();
        assertEquals("primary", answeredBy(client.send(List.of(2, 1), start).toCompletableFuture()));
        assertEquals("primary", answeredBy(client.send(List.of(2, 1), login("alice")).toCompletableFuture()));
        destination("d1", 1, primary, "disabled", "true"); // the primary is out of service
        assertEquals("backup", answeredBy(client.send(List.of(2, 1), start).toCompletableFuture()));
        assertInstanceOf(DestinationUnavailableException.class,
                failure(client.send(List.of(2, 1), login("alice")).toCompletableFuture()), "never an Access-Request");
        assertEquals(List.of("alice"), backup.users);
    }

    /** Records what it is asked, renames the User-Name per destination, and knows only the rewrites {@code known}. */
    private static final class Recording implements dev.radsec.transport.RadiusClient.Rewrites {
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> known;

        Recording(String... known) {
            this.known = List.of(known);
        }

        @Override
        public RadiusPacket request(int destinationId, List<String> rewriteOut, RadiusPacket request) {
            calls.add("out " + destinationId + " " + rewriteOut);
            if (!known.containsAll(rewriteOut)) {
                return null;
            }
            return request.toBuilder().set("User-Name", request.first("User-Name").orElseThrow().asString() + "@"
                    + destinationId).build();
        }

        @Override
        public RadiusPacket response(int destinationId, List<String> rewriteIn, RadiusPacket response) {
            calls.add("in " + destinationId + " " + rewriteIn);
            if (!known.containsAll(rewriteIn)) {
                return null;
            }
            return response.toBuilder().add("Reply-Message", "via " + rewriteIn).build();
        }
    }

    @Test
    void eachDestinationTriedGetsTheRequestItsRewriteOutMakesAndItsAnswerGoesThroughItsRewriteIn() throws Exception {
        Server first = new Server("first");
        Server second = new Server("second");
        Server plain = new Server("plain");
        destination("d1", 1, first, "rewrite-out", "missing, out-a");
        destination("d2", 2, second, "rewrite-out", "out-a", "rewrite-in", "in-b, in-a");
        destination("d3", 3, plain);
        assertEquals("missing, out-a", client.configuration(1).orElseThrow().get("rewrite-out"));
        Recording rewrites = new Recording("out-a", "in-a", "in-b");

        RadiusPacket answer = client.send(List.of(1, 2), login("alice"), Service.RELAY, rewrites)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("second", "via [in-b, in-a]"), answer.all("Reply-Message").stream()
                .map(a -> a.asString()).toList());
        assertEquals(List.of("out 1 [missing, out-a]", "out 2 [out-a]", "in 2 [in-b, in-a]"), rewrites.calls,
                "1 names a rewrite that is not there: skipped as unavailable, the list moves on");
        assertEquals(List.of(), first.users);
        assertEquals(List.of("alice@2"), second.users);

        rewrites.calls.clear();
        assertEquals("plain", answeredBy(client.send(List.of(3), login("bob"), Service.RELAY, rewrites)
                .toCompletableFuture()));
        assertEquals(List.of(), rewrites.calls, "a destination without rewrite keys costs no call");
        assertEquals(List.of("bob"), plain.users);
        assertEquals("second", answeredBy(client.send(List.of(2), login("carol")).toCompletableFuture()),
                "without rewrites the keys are carried, not applied");
        assertEquals(List.of("alice@2", "carol"), second.users);
    }

    @Test
    void anAnswerItsRewriteInRefusesIsDroppedAndNotSentOnToTheNextDestination() throws Exception {
        Server second = new Server("second");
        Server third = new Server("third");
        destination("d2", 2, second, "rewrite-in", "gone");
        destination("d3", 3, third);
        Recording rewrites = new Recording();
        Throwable dropped = failure(client.send(List.of(2, 3), login("alice"), Service.RELAY, rewrites)
                .toCompletableFuture());
        assertInstanceOf(DestinationUnavailableException.class, dropped);
        assertTrue(dropped.getMessage().contains("rewrite-in [gone]"), dropped.getMessage());
        assertEquals(List.of("alice"), second.users, "the server processed it");
        assertEquals(List.of(), third.users, "so it is not processed twice");
    }

    @Test
    void aRewriteNameIsCheckedForItsSpellingOnly() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> destination("d4", 4, new Server("s"), "rewrite-out", "ok, not/a/name"));
        assertEquals("rewrite-out", e.key());
        assertTrue(e.getMessage().contains("'not/a/name' is not a rewrite name"), e.getMessage());
    }
}
