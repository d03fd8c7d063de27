package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.codec.interop.Backports;
import dev.radsec.codec.interop.FreeRadiusProcess;
import java.net.InetAddress;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS-PSK (RFC 9813) with real peers on loopback, configured as operators would: pre-shared keys in our PKI by name
 * (key files), destinations with {@code tls-psk}, and one listener of ours taking certificates and PSK on one port.
 * <ul>
 * <li>our destination to FreeRADIUS 3.2.1's RadSec listener with {@code psk_identity}/{@code psk_hexphrase}
 * (TLS 1.2, the only PSK version 3.2.1 has): Accept, Reject, accounting; a wrong key fails the handshake; the key
 * file rotated on disk is used by the next connection;</li>
 * <li>FreeRADIUS as a RadSec PSK client proxying to our listener: 3.2.1 cannot be one (its {@code home_server}
 * {@code tls} section ignores {@code psk_identity}; that came in 3.2.4), so this is 3.2.7 from bookworm-backports,
 * over TLS 1.2;</li>
 * <li>radsecproxy 1.11 (bookworm-backports; TLS 1.3 PSK only) both ways: our destination to it, and it proxying to
 * our listener;</li>
 * <li>beside them, a certificate client on the same listener port.</li>
 * </ul>
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PskInteropTest {
    private static final Dictionary DICTIONARY = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICTIONARY);
    private static final String FR_KEY = "6b61726166206b6579206f6e65203132";
    private static final String FR_KEY_ROTATED = "aa15e1b2c3d4e5f60718293a4b5c6d7e8f901122";
    private static final String RP_KEY = "72616473656370726f7879206b6579206f6e65212121212121212121212121";
    private static final String FR327_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String RP_CLIENT_KEY = "1234567890abcdef1234567890abcdef1234567890abcdef";
    private static final String RP_OWN_LISTENER_KEY = "fedcba0987654321fedcba0987654321";
    private static final String NAS_SECRET = "psk-nas-secret-1";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    Path dir;
    Side side;
    RadiusClientImpl client;
    RadiusServerImpl server;
    InetSocketAddress listener;
    FreeRadiusProcess freeradius;
    RadsecproxyProcess radsecproxyServer;
    Path frKeyFile;

    /** Our PKI, server and client. */
    static final class Side extends OurSide {
        Side(Path dir) throws Exception {
            super(dir, "psk", "server", "client");
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        side = new Side(dir);
        frKeyFile = dir.resolve("fr.key");
        Files.writeString(frKeyFile, FR_KEY + "\n");
        psk("fr", "radsec-karaf@site", "1.2", "key-file", frKeyFile.toString());
        psk("fr-stranger", "stranger@elsewhere", "1.2", "key", "00112233445566778899aabbccddeeff");
        psk("rp-out", "karaf-to-radsecproxy", "1.3", "key", RP_KEY);
        psk("in-fr327", "freeradius-327", "1.2", "key", FR327_KEY);
        psk("in-rp", "radsecproxy-111", "1.3", "key", RP_CLIENT_KEY);

        server = new RadiusServerImpl(side.credentials, side.credentials, DICTIONARY, side.timer);
        server.addHandler(OwnServer.USERS, null, 0);
        server.listenerConfigured("l-psk", Map.of("name", "radsec", "port", "0", "tls-certificate", "server",
                "tls-psk", "in-fr327, in-rp"));
        listener = new InetSocketAddress(LOOPBACK, server.localAddress("radsec").orElseThrow().getPort());
        client = new RadiusClientImpl(side.credentials, side.credentials, DICTIONARY, side.timer);

        freeradius = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("fr"))).users(Peer.USERS)
                .secret(Peer.UDP_SECRET).radsecPsk("radsec-karaf@site", FR_KEY_ROTATED).debug(false).start();
    }

    private void psk(String name, String identity, String version, String... keyAndValue) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("name", name, "identity", identity, "tls-version", version));
        p.put(keyAndValue[0], keyAndValue[1]);
        side.credentials.pskConfigured("psk-" + name, p);
    }

    @AfterAll
    void stop() throws Exception {
        Peers.closeAll(client == null ? null : client::close, server == null ? null : server::close,
                radsecproxyServer, freeradius, side == null ? null : side::closePki);
    }

    @Test
    void toFreeRadiusAWrongKeyFailsThenTheRotatedKeyFileIsUsedByTheNextConnection() throws Exception {
        // the key file holds an old key FreeRADIUS no longer has: the handshake fails, the request ends unavailable
        client.destinationConfigured("d-1", Map.of("id", "1", "address", "127.0.0.1",
                "port", String.valueOf(freeradius.radsecPort()), "tls-psk", "fr", "timeout", "5"));
        CompletionException failed = assertThrows(CompletionException.class,
                () -> client.send(1, access("alice-pw")).toCompletableFuture().join());
        assertInstanceOf(DestinationUnavailableException.class, failed.getCause(), failed::toString);

        Files.writeString(frKeyFile, FR_KEY_ROTATED + "\n"); // rotated on disk: no restart, no configuration change
        RadiusPacket accept = eventually(() -> client.send(1, access("alice-pw")).toCompletableFuture().join());
        assertEquals(PacketCode.ACCESS_ACCEPT, accept.code(), freeradius::log);
        assertEquals("hello alice", accept.first("Reply-Message").orElseThrow().asString());
        assertEquals(PacketCode.ACCESS_REJECT, client.send(1, access("wrong")).toCompletableFuture().join().code());
        assertEquals(PacketCode.ACCOUNTING_RESPONSE, client.send(1, accounting()).toCompletableFuture().join().code());
        DestinationStatistics s = client.statistics(1).orElseThrow();
        assertEquals("TLSv1.2", s.tlsVersion().orElseThrow());
        assertEquals("TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", s.cipherSuite().orElseThrow(),
                "ephemeral ECDHE-PSK first, which FreeRADIUS 3.2.1's OpenSSL takes");
        assertEquals("psk:radsec-karaf@site", s.peerSubject().orElseThrow());
    }

    @Test
    void toFreeRadiusAnIdentityItDoesNotKnowNeverConnects() throws Exception {
        client.destinationConfigured("d-2", Map.of("id", "2", "address", "127.0.0.1",
                "port", String.valueOf(freeradius.radsecPort()), "tls-psk", "fr-stranger", "timeout", "5"));
        CompletionException failed = assertThrows(CompletionException.class,
                () -> client.send(2, access("alice-pw")).toCompletableFuture().join());
        assertInstanceOf(DestinationUnavailableException.class, failed.getCause(), failed::toString);
        assertEquals("DOWN", client.statistics(2).orElseThrow().state().toString());
        assertTrue(failed.getCause().getMessage().contains(
                "TLS-PSK with key 'fr-stranger', identity 'stranger@elsewhere': the server may not know this identity"),
                failed.getCause()::getMessage);
        client.destinationRemoved("d-2");
    }

    @Test
    void freeRadiusAsAPskClientProxiesToOurListener() throws Exception {
        Peers.assumeInstalled(Backports.freeradiusRoot().resolve("usr/sbin/freeradius"),
                "freeradius 3.2.7 " + Backports.HOW_TO_INSTALL);
        try (FreeRadiusProcess fr327 = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("fr327")))
                .installation(FreeRadiusProcess.backport().orElseThrow()).secret(NAS_SECRET)
                .proxyToRadsecPsk(listener, "freeradius-327", FR327_KEY, "radsec").debug(false).start()) {
            SharedSecret secret = SharedSecret.of(NAS_SECRET);
            RadiusPacket accept = udp(fr327.authAddress(), request("alice", "alice-pw", secret), secret);
            assertEquals(PacketCode.ACCESS_ACCEPT, accept.code(), fr327::log);
            assertEquals("hello alice", accept.first("Reply-Message").orElseThrow().asString());
            assertEquals(PacketCode.ACCESS_REJECT, udp(fr327.authAddress(), request("alice", "no", secret), secret).code());
            assertEquals(PacketCode.ACCOUNTING_RESPONSE, udp(fr327.acctAddress(), accountingRequest(secret), secret).code());
        }
    }

    @Test
    void radsecproxy111BothWaysOverTls13Psk() throws Exception {
        Peers.assumeInstalled(Backports.radsecproxyRoot().resolve("usr/sbin/radsecproxy"),
                "radsecproxy 1.11 " + Backports.HOW_TO_INSTALL);
        Path binary = RadsecproxyProcess.backportBinary().orElseThrow();
        // our destination to radsecproxy, which proxies to FreeRADIUS over UDP
        radsecproxyServer = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("rp-server")))
                .binary(binary).clientPsk("karaf-to-radsecproxy", RP_KEY).upstream(freeradius).start();
        client.destinationConfigured("d-3", Map.of("id", "3", "address", "127.0.0.1",
                "port", String.valueOf(radsecproxyServer.port()), "tls-psk", "rp-out", "max-outstanding", "256"));
        assertEquals(PacketCode.ACCESS_ACCEPT, client.send(3, access("alice-pw")).toCompletableFuture().join().code());
        assertEquals(PacketCode.ACCESS_REJECT, client.send(3, access("wrong")).toCompletableFuture().join().code());
        DestinationStatistics s = client.statistics(3).orElseThrow();
        assertEquals("TLSv1.3", s.tlsVersion().orElseThrow());
        assertEquals("psk:karaf-to-radsecproxy", s.peerSubject().orElseThrow());

        // radsecproxy as a PSK client of our listener, with a NAS in front of it on UDP
        int nasPort = FreeRadiusProcess.freeUdpPort();
        try (RadsecproxyProcess rp = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("rp-client")))
                .binary(binary).clientPsk("nobody-here", RP_OWN_LISTENER_KEY)
                .serverPsk("radsecproxy-111", RP_CLIENT_KEY).server("tls", listener, "radsec")
                .config("ListenUDP 127.0.0.1:" + nasPort + "\nclient nas {\n    host 127.0.0.1\n    type udp\n    secret "
                        + NAS_SECRET + "\n}").start()) {
            SharedSecret secret = SharedSecret.of(NAS_SECRET);
            InetSocketAddress nas = new InetSocketAddress(LOOPBACK, nasPort);
            RadiusPacket accept = udp(nas, request("bob", "bob-pw", secret), secret);
            assertEquals(PacketCode.ACCESS_ACCEPT, accept.code(), rp::log);
            assertEquals("hello bob", accept.first("Reply-Message").orElseThrow().asString());
            assertEquals(PacketCode.ACCESS_REJECT, udp(nas, request("bob", "no", secret), secret).code());
        }
    }

    @Test
    void aCertificateClientUsesTheSameListenerPort() throws Exception {
        client.destinationConfigured("d-4", Map.of("id", "4", "address", "127.0.0.1",
                "port", String.valueOf(listener.getPort()), "tls-certificate", "client", "tls-peer-name", "localhost"));
        assertEquals(PacketCode.ACCESS_ACCEPT, client.send(4, access("alice-pw")).toCompletableFuture().join().code());
        DestinationStatistics s = client.statistics(4).orElseThrow();
        assertTrue(s.peerSubject().orElseThrow().startsWith("CN="), s.peerSubject()::toString);
    }

    private static RadiusPacket access(String password) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICTIONARY).add("User-Name", "alice")
                .add("User-Password", password).add("NAS-IP-Address", "192.0.2.1").build();
    }

    private static RadiusPacket accounting() {
        return RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICTIONARY).add("User-Name", "alice")
                .add("Acct-Status-Type", "Start").add("Acct-Session-Id", "psk-1").add("NAS-IP-Address", "192.0.2.1")
                .build();
    }

    private static byte[] request(String user, String password, SharedSecret secret) {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICTIONARY).identifier(7)
                .add("User-Name", user).add("User-Password", password).add("NAS-IP-Address", "192.0.2.1").build(),
                secret);
    }

    private static byte[] accountingRequest(SharedSecret secret) {
        return CODEC.encodeRequest(accounting().toBuilder().identifier(8).build(), secret);
    }

    private static RadiusPacket udp(InetSocketAddress to, byte[] request, SharedSecret secret) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            socket.connect(to);
            socket.setSoTimeout(10_000);
            socket.send(new DatagramPacket(request, request.length));
            byte[] buf = new byte[RadiusPacket.MAX_LENGTH];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            socket.receive(reply);
            return CODEC.decodeResponse(reply.getData(), 0, reply.getLength(), request, secret,
                    MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        }
    }

    /** Retries {@code call} until it answers, for at most 30 s: a reconnect waits out its backoff. */
    private static <T> T eventually(java.util.concurrent.Callable<T> call) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return call.call();
            } catch (CompletionException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
