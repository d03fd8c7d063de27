package dev.radsec.codec.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smoke test of the TLS-PSK (RFC 9813) peers: FreeRADIUS 3.2.1 with a PSK RadSec listener (TLS 1.2 only),
 * radsecproxy 1.11 (bookworm-backports) as PSK server and PSK client (TLS 1.3 only), and FreeRADIUS 3.2.7
 * (bookworm-backports) as a PSK RadSec client, proxying UDP requests to the other two. Clients are
 * {@code openssl s_client -psk} and plain UDP.
 *
 * <p>Skipped where the peers are not installed; failed in CI (env {@code CI} set) when they are missing.
 */
@Timeout(90)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PskPeersSmokeTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret RADSEC = SharedSecret.of("radsec");
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Duration EXIT = Duration.ofSeconds(10);
    private static final String USERS = "alice\tCleartext-Password := \"alice-pw\"\n"
            + "\tReply-Message = \"hello alice\"\n";
    /** The PSK of the FreeRADIUS and radsecproxy listeners. */
    private static final String ID = "psk-smoke";
    private static final String KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    /** The PSK of the radsecproxy that is a PSK client upstream. */
    private static final String ID_B = "psk-smoke-b";
    private static final String KEY_B = "f0e0d0c0b0a090807060504030201000f1e1d1c1b1a191817161514131211101";

    Path tmp;
    Path radsecproxy;
    FreeRadiusProcess.Installation backport;
    /** FreeRADIUS 3.2.1, PSK RadSec listener. */
    FreeRadiusProcess freeradius;
    /** radsecproxy 1.11, PSK listener, upstream {@link #freeradius}'s UDP ports. */
    RadsecproxyProcess proxy;
    /** radsecproxy 1.11, PSK listener (ID_B), upstream {@link #proxy} over TLS-PSK. */
    RadsecproxyProcess proxyChain;
    /** FreeRADIUS 3.2.7, proxying to {@link #freeradius} over TLS 1.2 PSK. */
    FreeRadiusProcess backportTls12;
    /** FreeRADIUS 3.2.7, proxying to {@link #proxy} over TLS 1.3 PSK. */
    FreeRadiusProcess backportTls13;
    int nextId;

    @BeforeAll
    void startPeers(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        Peers.assumeInstalled(TestPki.OPENSSL, TestPki.OPENSSL_PACKAGE);
        Peers.assumeInstalled(Backports.radsecproxyRoot().resolve("usr/sbin/radsecproxy"),
                "radsecproxy 1.11 " + Backports.HOW_TO_INSTALL);
        Peers.assumeInstalled(Backports.freeradiusRoot().resolve("usr/sbin/freeradius"),
                "freeradius 3.2.7 " + Backports.HOW_TO_INSTALL);
        radsecproxy = RadsecproxyProcess.backportBinary().orElseThrow();
        backport = FreeRadiusProcess.backport().orElseThrow();

        freeradius = FreeRadiusProcess.builder(tmp).users(USERS).radsecPsk(ID, KEY).start();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            proxy = RadsecproxyProcess.builder(tmp).binary(radsecproxy).clientPsk(ID, KEY).upstream(freeradius)
                    .start();
            started.add(proxy);
            CompletableFuture<FreeRadiusProcess> tls12 = CompletableFuture.supplyAsync(() -> start(
                    FreeRadiusProcess.builder(tmp).installation(backport)
                            .proxyToRadsecPsk(freeradius.radsecAddress(), ID, KEY, "radsec")));
            CompletableFuture<FreeRadiusProcess> tls13 = CompletableFuture.supplyAsync(() -> start(
                    FreeRadiusProcess.builder(tmp).installation(backport)
                            .proxyToRadsecPsk(proxy.address(), ID, KEY, "radsec").proxyTlsVersions(null, "1.3")));
            proxyChain = RadsecproxyProcess.builder(tmp).binary(radsecproxy).clientPsk(ID_B, KEY_B)
                    .serverPsk(ID, KEY).server("tls", proxy.address(), "radsec").start();
            started.add(proxyChain);
            try {
                backportTls12 = tls12.join();
                backportTls13 = tls13.join();
            } catch (CompletionException e) {
                tls12.thenAccept(FreeRadiusProcess::close);
                tls13.thenAccept(FreeRadiusProcess::close);
                throw e;
            }
        } catch (Exception | Error e) {
            started.add(freeradius);
            Peers.closeAll(started.toArray(AutoCloseable[]::new));
            throw e;
        }
    }

    private static FreeRadiusProcess start(FreeRadiusProcess.Builder builder) {
        try {
            return builder.start();
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @AfterAll
    void stopPeers() throws Exception {
        Peers.closeAll(backportTls12, backportTls13, proxyChain, proxy, freeradius);
    }

    // ---- requests ----

    private byte[] statusServer(SharedSecret secret) {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.STATUS_SERVER, DICT)
                .identifier(nextId++ & 0xFF).build(), secret);
    }

    private byte[] accessRequest(String password, SharedSecret secret) {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                .identifier(nextId++ & 0xFF)
                .add("User-Name", "alice")
                .add("User-Password", password)
                .add("NAS-IP-Address", "192.0.2.1")
                .build(), secret);
    }

    /** Without Message-Authenticator: radsecproxy refuses an Accounting-Request that carries one. */
    private byte[] accountingRequest(SharedSecret secret) {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT)
                .identifier(nextId++ & 0xFF)
                .add("User-Name", "alice")
                .add("Acct-Status-Type", "Start")
                .add("Acct-Session-Id", "psk-smoke-" + nextId)
                .add("NAS-IP-Address", "192.0.2.1")
                .build(), secret);
    }

    /** Status-Server, Access-Request (accepted and rejected) and Accounting-Request over one PSK session. */
    private void answersEveryKindOfRequest(InetSocketAddress server, String identity, String key,
                                           Supplier<String> log, String protocol, String cipher, String... options)
            throws Exception {
        try (OpenSslClient c = OpenSslClient.startPsk(tmp, server, identity, key, options)) {
            Supplier<String> context = () -> c + "\n" + c.output() + "\n" + log.get();
            assertEquals(PacketCode.ACCESS_ACCEPT, c.exchange(CODEC, statusServer(RADSEC), RADSEC, ANSWER).code(),
                    context);
            RadiusPacket accept = c.exchange(CODEC, accessRequest("alice-pw", RADSEC), RADSEC, ANSWER);
            assertEquals(PacketCode.ACCESS_ACCEPT, accept.code(), context);
            assertEquals("hello alice", accept.first("Reply-Message").orElseThrow().asString(), context);
            assertEquals(PacketCode.ACCESS_REJECT,
                    c.exchange(CODEC, accessRequest("wrong", RADSEC), RADSEC, ANSWER).code(), context);
            assertEquals(PacketCode.ACCOUNTING_RESPONSE,
                    c.exchange(CODEC, accountingRequest(RADSEC), RADSEC, ANSWER).code(), context);
            assertEquals(Optional.of(protocol), c.protocol(), context);
            assertEquals(Optional.of(cipher), c.cipher(), context);
        }
    }

    /**
     * The PSK client is refused: s_client exits on its own, non-zero, with its standard input still open, its
     * Status-Server unanswered; the server's log says {@code logged}.
     */
    private void refuses(InetSocketAddress server, String identity, String key, Supplier<String> log, String logged,
                         String... options) throws Exception {
        try (OpenSslClient c = OpenSslClient.startPsk(tmp, server, identity, key, options)) {
            byte[] probe = statusServer(RADSEC);
            c.send(probe);
            OptionalInt exit = c.awaitExit(EXIT);
            Supplier<String> context = () -> c + "\n" + c.output() + "\n" + log.get();
            assertTrue(exit.isPresent(), () -> "s_client was not disconnected within " + EXIT + ": " + context.get());
            assertNotEquals(0, exit.getAsInt(), context);
            assertFalse(OpenSslClient.findResponse(CODEC, c.received(), 0, probe, RADSEC).isPresent(), context);
        }
        // The server may log a moment after the client saw the connection close.
        long deadline = System.nanoTime() + EXIT.toNanos();
        while (!log.get().contains(logged) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(log.get().contains(logged), log);
    }

    /** One request over UDP, answered within {@link #ANSWER}. */
    private static RadiusPacket udpExchange(InetSocketAddress server, byte[] request, SharedSecret secret)
            throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(PeerProcess.LOOPBACK, 0))) {
            socket.connect(server);
            socket.setSoTimeout((int) ANSWER.toMillis());
            socket.send(new DatagramPacket(request, request.length));
            byte[] buf = new byte[RadiusPacket.MAX_LENGTH];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            socket.receive(reply);
            return CODEC.decodeResponse(reply.getData(), 0, reply.getLength(), request, secret,
                    MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        }
    }

    /** Access-Request (accepted and rejected) and Accounting-Request, over UDP to a proxying FreeRADIUS. */
    private void proxiesEveryKindOfRequest(FreeRadiusProcess through, Supplier<String> log) throws Exception {
        SharedSecret secret = SharedSecret.of(through.secret());
        Supplier<String> context = () -> through.log() + "\n" + log.get();
        RadiusPacket accept = udpExchange(through.authAddress(), accessRequest("alice-pw", secret), secret);
        assertEquals(PacketCode.ACCESS_ACCEPT, accept.code(), context);
        assertEquals("hello alice", accept.first("Reply-Message").orElseThrow().asString(), context);
        assertEquals(PacketCode.ACCESS_REJECT,
                udpExchange(through.authAddress(), accessRequest("wrong", secret), secret).code(), context);
        assertEquals(PacketCode.ACCOUNTING_RESPONSE,
                udpExchange(through.acctAddress(), accountingRequest(secret), secret).code(), context);
    }

    // ---- FreeRADIUS 3.2.1, PSK listener ----

    @ParameterizedTest
    @ValueSource(strings = {"PSK-AES128-GCM-SHA256", "ECDHE-PSK-CHACHA20-POLY1305"})
    void freeradiusAnswersOverTls12Psk(String cipher) throws Exception {
        answersEveryKindOfRequest(freeradius.radsecAddress(), ID, KEY, freeradius::log, "TLSv1.2", cipher,
                "-tls1_2", "-cipher", cipher);
    }

    /** A client offering TLS 1.3 and 1.2 gets 1.2 (tls_max_version = "1.2"), and the client's first PSK suite. */
    @Test
    void freeradiusNegotiatesTls12WithAClientThatAlsoOffersTls13() throws Exception {
        answersEveryKindOfRequest(freeradius.radsecAddress(), ID, KEY, freeradius::log, "TLSv1.2",
                "DHE-PSK-AES256-GCM-SHA384");
    }

    @Test
    void freeradiusRefusesTls13Psk() throws Exception {
        refuses(freeradius.radsecAddress(), ID, KEY, freeradius::log, "unsupported protocol", "-tls1_3");
    }

    @Test
    void freeradiusRefusesWrongKey() throws Exception {
        refuses(freeradius.radsecAddress(), ID, KEY.replace('0', '9'), freeradius::log, "bad record mac",
                "-tls1_2");
    }

    @Test
    void freeradiusRefusesUnknownIdentity() throws Exception {
        refuses(freeradius.radsecAddress(), "nobody", KEY, freeradius::log, "does not match configuration",
                "-tls1_2");
    }

    // ---- radsecproxy 1.11, PSK listener and PSK client ----

    @Test
    void radsecproxyAnswersOverTls13Psk() throws Exception {
        answersEveryKindOfRequest(proxy.address(), ID, KEY, () -> proxy.log() + "\n" + freeradius.log(), "TLSv1.3",
                "TLS_CHACHA20_POLY1305_SHA256", "-tls1_3");
    }

    @Test
    void radsecproxyAnswersOverTls13PskWithAes128Gcm() throws Exception {
        answersEveryKindOfRequest(proxy.address(), ID, KEY, () -> proxy.log() + "\n" + freeradius.log(), "TLSv1.3",
                "TLS_AES_128_GCM_SHA256", "-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void radsecproxyRefusesTls12Psk() throws Exception {
        refuses(proxy.address(), ID, KEY, proxy::log, "unsupported protocol", "-tls1_2");
    }

    @Test
    void radsecproxyRefusesWrongKey() throws Exception {
        refuses(proxy.address(), ID, KEY.replace('0', '9'), proxy::log, "binder does not verify", "-tls1_3");
    }

    @Test
    void radsecproxyRefusesUnknownIdentity() throws Exception {
        refuses(proxy.address(), "nobody", KEY, proxy::log, "no client with PSK id nobody found", "-tls1_3");
    }

    /** s_client, PSK B, to radsecproxy, which is a PSK client (PSK A) of the other radsecproxy. */
    @Test
    void radsecproxyProxiesOverTls13Psk() throws Exception {
        answersEveryKindOfRequest(proxyChain.address(), ID_B, KEY_B,
                () -> proxyChain.log() + "\n" + proxy.log() + "\n" + freeradius.log(), "TLSv1.3",
                "TLS_CHACHA20_POLY1305_SHA256", "-tls1_3");
        assertTrue(proxyChain.log().contains("PSK identity " + ID + " with cipher TLS_"), proxyChain::log);
    }

    // ---- FreeRADIUS 3.2.7 as PSK RadSec client ----

    @Test
    void backportFreeradiusProxiesOverTls12PskToFreeradius() throws Exception {
        proxiesEveryKindOfRequest(backportTls12, freeradius::log);
        assertTrue(freeradius.log().contains("TLS-Session-Version = \"TLS 1.2\""), freeradius::log);
    }

    @Test
    void backportFreeradiusProxiesOverTls13PskToRadsecproxy() throws Exception {
        proxiesEveryKindOfRequest(backportTls13, () -> proxy.log() + "\n" + freeradius.log());
        assertTrue(proxy.log().contains("PSK identity " + ID + " wtih cipher TLS_"), proxy::log);
    }

    /** Debian 12's FreeRADIUS ignores PSK items in a home_server's tls section: the builder says so up front. */
    @Test
    void freeradius321CannotBeAPskClient() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FreeRadiusProcess.builder(tmp)
                .proxyToRadsecPsk(freeradius.radsecAddress(), ID, KEY, "radsec").start());
        assertTrue(e.getMessage().contains("3.2.4"), e.getMessage());
    }
}
