package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKey.TlsVersion;
import dev.radsec.transport.internal.tls.JdkTlsEngine;
import dev.radsec.transport.internal.tls.PskEngines;
import dev.radsec.transport.internal.tls.TlsConnection;
import dev.radsec.transport.internal.tls.TlsEngine;
import dev.radsec.transport.internal.tls.TlsFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS-PSK through our TLS filter on both ends, Bouncy Castle's engine under it: the two filters are called as MINA
 * calls them and their writes are handed to each other, so a whole connection runs in one thread with no sockets.
 * The server end is what a listener with both certificates and PSK runs: the client's hello picks the handshake.
 */
@Timeout(60)
class PskTlsTest {
    private static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff0123456789abcdef");
    private static final byte[] OTHER_KEY = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100ffeeddccbbaa9988");
    @TempDir
    static Path dir;
    static InProcessPki pki;
    static SSLContext serverContext;
    static SSLContext clientContext;

    @BeforeAll
    static void pki() throws Exception {
        pki = new InProcessPki(dir);
        serverContext = pki.credentials.sslContext("server", "default");
        clientContext = pki.credentials.sslContext("client", "default");
    }

    @AfterAll
    static void close() {
        pki.close();
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void aPskClientAndAListenerWithCertificatesAndPskAgreeOnTheKeysVersion(TlsVersion version) throws Exception {
        PreSharedKey key = new PreSharedKey("site-a", "nas-17@site-a", version, KEY);
        Pair pair = new Pair(PskEngines.client(key), server(true, key));
        pair.handshake();

        String protocol = version == TlsVersion.TLS_1_3 ? "TLSv1.3" : "TLSv1.2";
        String suite = version == TlsVersion.TLS_1_3 ? "TLS_AES_128_GCM_SHA256"
                : "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256"; // ephemeral first
        for (End end : List.of(pair.client, pair.server)) {
            TlsConnection c = TlsFilter.connection(end.session);
            assertEquals(protocol, c.protocol());
            assertEquals(suite, c.cipherSuite());
            assertEquals(Optional.of("nas-17@site-a"), c.pskIdentity());
            assertTrue(c.peerCertificates().isEmpty());
        }
        assertPacketsFlowBothWays(pair);
    }

    @Test
    void aCertificateClientStillGetsACertificateHandshakeFromTheSameListener() throws Exception {
        PreSharedKey key = new PreSharedKey("site-a", "nas-17@site-a", TlsVersion.TLS_1_3, KEY);
        SSLEngine client = clientContext.createSSLEngine();
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {"TLSv1.3"});
        Pair pair = new Pair(new JdkTlsEngine(client), server(true, key));
        pair.handshake();
        TlsConnection server = TlsFilter.connection(pair.server.session);
        assertTrue(server.peerCertificates().isPresent(), "the client's certificate");
        assertEquals(Optional.empty(), server.pskIdentity());
        assertPacketsFlowBothWays(pair);
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void aWrongKeyFailsTheHandshakeOnBothEnds(TlsVersion version) throws Exception {
        Pair pair = new Pair(PskEngines.client(new PreSharedKey("a", "nas-17", version, OTHER_KEY)),
                server(false, new PreSharedKey("a", "nas-17", version, KEY)));
        pair.handshakeFails();
        assertTrue(pair.client.next.events.isEmpty() && pair.server.next.events.isEmpty(), "never secured");
    }

    @ParameterizedTest
    @EnumSource(TlsVersion.class)
    void anUnknownIdentityIsRefusedAndReported(TlsVersion version) throws Exception {
        for (boolean certificates : new boolean[] {false, true}) {
            refusals.clear();
            Pair pair = new Pair(PskEngines.client(new PreSharedKey("a", "stranger", version, KEY)),
                    server(certificates, new PreSharedKey("a", "nas-17", version, KEY)));
            pair.handshakeFails();
            assertEquals(List.of("stranger: unknown PSK identity"), refusals, "certificates too: " + certificates);
        }
    }

    @Test
    void aKeyForTls12IsNeverUsedOnTls13() throws Exception {
        // the client offers the identity as a TLS 1.3 external PSK; the listener has it for TLS 1.2 only
        Pair pair = new Pair(PskEngines.client(new PreSharedKey("a", "nas-17", TlsVersion.TLS_1_3, KEY)),
                server(false, new PreSharedKey("a", "nas-17", TlsVersion.TLS_1_2, KEY)));
        pair.handshakeFails();
    }

    @Test
    void aRecordSplitByteByByteStillCompletesThePskHandshake() throws Exception {
        PreSharedKey key = new PreSharedKey("site-a", "nas-17", TlsVersion.TLS_1_3, KEY);
        Pair pair = new Pair(PskEngines.client(key), server(true, key));
        pair.bytewise = true;
        pair.handshake();
        assertPacketsFlowBothWays(pair);
    }

    private final List<String> refusals = new ArrayList<>();

    /** A listener end accepting {@code keys}, with certificates too when {@code certificates}. */
    private TlsEngine server(boolean certificates, PreSharedKey... keys) {
        Supplier<TlsEngine> jdk = () -> {
            SSLEngine e = serverContext.createSSLEngine();
            e.setUseClientMode(false);
            e.setNeedClientAuth(true);
            e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return new JdkTlsEngine(e);
        };
        return PskEngines.server(certificates ? jdk : null, new PskEngines.ServerKeys() {
            @Override
            public List<PreSharedKey> accepted() {
                return List.of(keys);
            }

            @Override
            public Optional<PreSharedKey> byIdentity(String identity) {
                return Arrays.stream(keys).filter(k -> k.identity().equals(identity)).findFirst();
            }

            @Override
            public void refused(String shown, String reason) {
                refusals.add(shown + ": " + reason);
            }
        }, true);
    }

    private static void assertPacketsFlowBothWays(Pair pair) throws Exception {
        byte[] request = "one RADIUS packet from the client".getBytes(StandardCharsets.US_ASCII);
        byte[] answer = "and its answer from the server".getBytes(StandardCharsets.US_ASCII);
        pair.client.write(request);
        pair.server.write(answer);
        pair.pump();
        assertArrayEquals(request, pair.server.next.received());
        assertArrayEquals(answer, pair.client.next.received());
    }

    /** Two filters talking: each one's writes are the other's reads. */
    private static final class Pair {
        final End client;
        final End server;
        boolean bytewise;

        Pair(TlsEngine clientEngine, TlsEngine serverEngine) throws Exception {
            server = new End(serverEngine);
            client = new End(clientEngine);
        }

        /** Hands over what each wrote until neither writes more. */
        void pump() throws Exception {
            for (int round = 0; round < 20; round++) {
                boolean moved = client.sendTo(server, bytewise) | server.sendTo(client, bytewise);
                if (!moved) {
                    return;
                }
            }
            throw new AssertionError("still talking after 20 rounds");
        }

        void handshake() throws Exception {
            pump();
            assertEquals(List.of(TlsFilter.TlsEvent.SECURED), client.next.events, "client: " + client.next.errors);
            assertEquals(List.of(TlsFilter.TlsEvent.SECURED), server.next.events, "server: " + server.next.errors);
        }

        void handshakeFails() throws Exception {
            pump();
            assertFalse(client.next.errors.isEmpty() && server.next.errors.isEmpty(), "one end must fail");
            assertFalse(client.next.events.contains(TlsFilter.TlsEvent.SECURED)
                    && server.next.events.contains(TlsFilter.TlsEvent.SECURED), "not both secured");
        }
    }

    /** One end: a filter on a dummy session, recording what it passes on. */
    private static final class End {
        final DummySession session = new DummySession();
        final RecordingNextFilter next = new RecordingNextFilter();
        final TlsFilter filter;
        private int sent;

        End(TlsEngine engine) throws Exception {
            filter = new TlsFilter(s -> engine);
            filter.sessionOpened(next, session);
        }

        void write(byte[] packet) throws Exception {
            filter.filterWrite(next, session, new DefaultWriteRequest(IoBuffer.wrap(packet)));
        }

        boolean sendTo(End other, boolean bytewise) throws Exception {
            boolean moved = false;
            while (sent < next.written.size()) {
                byte[] bytes = next.written.get(sent++);
                if (bytewise) {
                    for (byte b : bytes) {
                        other.filter.messageReceived(other.next, other.session, IoBuffer.wrap(new byte[] {b}));
                    }
                } else {
                    other.filter.messageReceived(other.next, other.session, IoBuffer.wrap(bytes));
                }
                moved = true;
            }
            return moved;
        }
    }
}
