package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.internal.dtls.ClientHellos;
import dev.radsec.transport.internal.dtls.DtlsSession;
import dev.radsec.transport.internal.dtls.HelloCookies;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two DTLS sessions (JDK engines, our PKI's certificates) joined by an in-memory network that can lose chosen
 * datagrams, on a manual clock: the handshake survives loss by retransmission, packets of 4,096 octets pass in one
 * record, and garbage is dropped without harm.
 */
@Timeout(60)
class DtlsSessionTest {
    @TempDir
    static Path dir;
    static InProcessPki pki;
    final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-12-03T00:00:00Z"));
    Duration handshakeTimeout = Duration.ofSeconds(5);
    int mtu;

    @BeforeAll
    static void pki() throws Exception {
        pki = new InProcessPki(dir);
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @Test
    void aHandshakeWithoutLossCarriesPacketsOf4096OctetsBothWays() throws Exception {
        Net net = new Net(n -> false);
        net.handshake();
        byte[] big = new byte[4096];
        big[0] = 1;
        big[4095] = 7;
        assertTrue(net.client.session.send(big));
        net.deliver();
        assertEquals(0, net.server.session.unreadable(), "server unreadable; failures " + net.failures);
        assertArrayEquals(big, net.server.packets.get(0));
        assertTrue(net.server.session.send(new byte[] {2, 3}));
        net.deliver();
        assertArrayEquals(new byte[] {2, 3}, net.client.packets.get(0));
        assertEquals(1, net.client.sentAfterHandshake, "one datagram for 4,096 octets");
    }

    @Test
    void ourCookieComesBeforeAnyEngineAndThePrimedEngineThenDoesItsOwnExchange() throws Exception {
        Net net = new Net(n -> false);
        HelloCookies cookies = new HelloCookies();
        java.net.InetSocketAddress from = new java.net.InetSocketAddress("127.0.0.1", 40000);
        net.client.session.begin();
        ByteBuffer hello = net.client.outbox.remove(0);
        assertEquals(0, ClientHellos.cookieLength(hello));
        assertFalse(cookies.valid(hello, from));
        ByteBuffer verify = cookies.helloVerifyRequest(hello, from); // no engine made for it
        assertEquals(3, handshakeType(verify), "HelloVerifyRequest");
        net.client.session.received(verify);
        ByteBuffer again = net.client.outbox.remove(0);
        assertTrue(cookies.valid(again, from), "the ClientHello again, with our cookie");
        assertFalse(cookies.valid(again, new java.net.InetSocketAddress("127.0.0.1", 40001)), "bound to the port");

        SSLEngine primed = serverEngine();
        ClientHellos.prime(primed, again);
        Net.End server = net.new End("primed server", primed);
        net.client.peer = server;
        server.peer = net.client;
        server.session.begin();
        server.session.received(again);
        assertEquals(3, handshakeType(server.outbox.get(0)), "the engine's own HelloVerifyRequest");
        for (int i = 0; i < 20 && !(net.client.secured && server.secured); i++) {
            boolean moved = true;
            while (moved) {
                moved = net.client.flush() | server.flush();
            }
        }
        assertTrue(net.client.secured && server.secured, "secured: " + net.failures);
    }

    @Test
    void aCookieForAnotherHelloIsNotValid() throws Exception {
        Net net = new Net(n -> false);
        HelloCookies cookies = new HelloCookies();
        java.net.InetSocketAddress from = new java.net.InetSocketAddress("127.0.0.1", 40000);
        net.client.session.begin();
        net.client.session.received(cookies.helloVerifyRequest(net.client.outbox.remove(0), from));
        ByteBuffer again = net.client.outbox.remove(0);
        again.put(13 + 12 + 2 + 5, (byte) (again.get(13 + 12 + 2 + 5) ^ 1)); // another client random
        assertFalse(cookies.valid(again, from));
        assertFalse(new HelloCookies().valid(net.client.outbox.isEmpty() ? again : again, from), "another listener's");
        ByteBuffer truncated = again.duplicate().limit(40);
        assertEquals(-1, ClientHellos.cookieLength(truncated));
    }

    /** The handshake type of the first record of a datagram: 2 ServerHello, 3 HelloVerifyRequest; -1 for none. */
    private static int handshakeType(ByteBuffer datagram) {
        int p = datagram.position();
        return datagram.remaining() > 13 && datagram.get(p) == 22 && datagram.getShort(p + 3) == 0
                ? datagram.get(p + 13) & 0xFF : -1;
    }

    private static SSLEngine serverEngine() throws Exception {
        SSLContext context = SSLContext.getInstance("DTLSv1.2");
        context.init(new KeyManager[] {pki.credentials.keyManager("server")},
                new TrustManager[] {pki.credentials.trustManager("default")}, null);
        contexts.putIfAbsent("server", context);
        SSLEngine engine = contexts.get("server").createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setMaximumPacketSize(DtlsSession.MAX_PACKET);
        p.setNeedClientAuth(true);
        engine.setSSLParameters(p);
        return engine;
    }

    /** One server context for the test class: the JDK's cookies are made with a secret of the context. */
    private static final java.util.Map<String, SSLContext> contexts = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void withAnMtuTheFlightsFitItAndLargePacketsStillPassInOneRecord() throws Exception {
        mtu = 600;
        Net net = new Net(n -> false);
        net.handshake();
        assertTrue(net.largestHandshakeDatagram <= 600, "largest handshake datagram " + net.largestHandshakeDatagram);
        assertTrue(net.handshakeDatagrams > 6, "the certificate flights in several datagrams: " + net.handshakeDatagrams);
        byte[] big = new byte[4096];
        big[4095] = 5;
        assertTrue(net.client.session.send(big));
        assertTrue(net.server.session.send(big));
        net.deliver();
        assertArrayEquals(big, net.server.packets.get(0));
        assertArrayEquals(big, net.client.packets.get(0));
    }

    @Test
    void lostFlightsAreSentAgainOnTheClockUntilTheHandshakeCompletes() throws Exception {
        // lose the first three datagrams of the handshake, whichever way they go: 1 + 2 + 4 s of retransmissions
        handshakeTimeout = Duration.ofSeconds(30);
        Net net = new Net(n -> n < 3);
        net.client.session.begin();
        net.server.session.begin();
        for (int second = 0; second < 30 && !(net.client.secured && net.server.secured); second++) {
            net.deliver();
            clock.advance(Duration.ofSeconds(1));
        }
        net.deliver();
        assertTrue(net.client.secured && net.server.secured, "secured: " + net.failures);
        assertTrue(net.client.session.retransmissions() + net.server.session.retransmissions() >= 3,
                "at least one per lost datagram");
    }

    @Test
    void theHandshakeEndsAtItsTimeoutWhenThePeerNeverAnswers() throws Exception {
        Net net = new Net(n -> true); // everything lost
        net.client.session.begin();
        clock.advance(Duration.ofSeconds(6));
        assertEquals(List.of("client: DTLS handshake did not complete within 5 s"), net.failures);
        assertTrue(net.client.session.retransmissions() >= 2, "1 s, then 2 s");
    }

    @Test
    void garbageAfterTheHandshakeIsDroppedAndTheSessionStays() throws Exception {
        Net net = new Net(n -> false);
        net.handshake();
        byte[] garbage = new byte[300];
        new java.util.Random(1).nextBytes(garbage);
        garbage[0] = 23; // application data
        garbage[1] = (byte) 0xFE;
        garbage[2] = (byte) 0xFD;
        net.server.session.received(ByteBuffer.wrap(garbage));
        net.server.session.received(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertTrue(net.failures.isEmpty(), net.failures::toString);
        assertTrue(net.client.session.send(new byte[] {9}));
        net.deliver();
        assertArrayEquals(new byte[] {9}, net.server.packets.get(0));
    }

    /** A client and a server session and the datagrams between them. */
    private final class Net {
        final End client;
        final End server;
        final List<String> failures = new ArrayList<>();
        final IntPredicate lose;
        int sentInHandshake;
        int handshakeDatagrams;
        int largestHandshakeDatagram;

        Net(IntPredicate lose) throws Exception {
            this.lose = lose;
            client = new End("client", true);
            server = new End("server", false);
            client.peer = server;
            server.peer = client;
        }

        void handshake() {
            client.session.begin();
            server.session.begin();
            for (int i = 0; i < 20 && !(client.secured && server.secured); i++) {
                deliver();
            }
            assertTrue(client.secured && server.secured, "secured: " + failures);
        }

        /** Hands over every datagram in flight, until none is left. */
        void deliver() {
            boolean moved = true;
            while (moved) {
                moved = client.flush() | server.flush();
            }
        }

        final class End implements DtlsSession.Io {
            final String name;
            final DtlsSession session;
            final List<ByteBuffer> outbox = new ArrayList<>();
            final List<byte[]> packets = new ArrayList<>();
            End peer;
            boolean secured;
            int sentAfterHandshake;

            End(String name, SSLEngine engine) {
                this.name = name;
                session = new DtlsSession(engine, clock, handshakeTimeout, this);
            }

            End(String name, boolean client) throws Exception {
                this.name = name;
                SSLContext context = SSLContext.getInstance("DTLSv1.2");
                context.init(new KeyManager[] {pki.credentials.keyManager(client ? "client" : "server")},
                        new TrustManager[] {pki.credentials.trustManager("default")}, null);
                SSLEngine engine = context.createSSLEngine();
                engine.setUseClientMode(client);
                SSLParameters p = engine.getSSLParameters();
                p.setMaximumPacketSize(DtlsSession.MAX_PACKET);
                if (!client) {
                    p.setNeedClientAuth(true);
                }
                engine.setSSLParameters(p);
                session = new DtlsSession(engine, clock, handshakeTimeout, mtu, this);
            }

            boolean flush() {
                List<ByteBuffer> out = new ArrayList<>(outbox);
                outbox.clear();
                for (ByteBuffer d : out) {
                    if (!lose.test(sentInHandshake++)) {
                        peer.session.received(d);
                    }
                }
                return !out.isEmpty();
            }

            @Override
            public void send(ByteBuffer datagram) {
                if (secured) {
                    sentAfterHandshake++;
                } else {
                    handshakeDatagrams++;
                    largestHandshakeDatagram = Math.max(largestHandshakeDatagram, datagram.remaining());
                }
                outbox.add(ByteBuffer.allocate(datagram.remaining()).put(datagram).flip()); // the session reuses it
            }

            @Override
            public void packet(byte[] packet) {
                packets.add(packet);
            }

            @Override
            public void secured() {
                secured = true;
            }

            @Override
            public void failed(String reason) {
                failures.add(name + ": " + reason);
            }
        }
    }
}
