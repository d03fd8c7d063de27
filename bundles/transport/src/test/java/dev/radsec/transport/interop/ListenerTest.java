package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.ListenerStatistics;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our listeners' own rules (duplicates, client networks, allowed names) and client TLS details (SNI, tls-timeout). */
class ListenerTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    @TempDir
    static Path dir;
    static OwnServer own;
    static int udpPort;

    @BeforeAll
    static void start() throws Exception {
        dev.radsec.codec.Peers.assumeInstalled(TestPki.OPENSSL, TestPki.OPENSSL_PACKAGE);
        own = new OwnServer(dir);
        udpPort = own.server.localAddress("udp").orElseThrow().getPort();
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        }
    }

    private static ListenerStatistics udp() {
        return own.server.statistics("udp").orElseThrow();
    }

    private static byte[] request(String secret) {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).identifier(9)
                .add("User-Name", "alice").add("User-Password", "alice-pw").build(), SharedSecret.of(secret));
    }

    private static byte[] exchange(DatagramSocket s, byte[] packet) throws Exception {
        s.send(new DatagramPacket(packet, packet.length, InetAddress.getLoopbackAddress(), udpPort));
        byte[] buf = new byte[4096];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        s.receive(in);
        return java.util.Arrays.copyOf(buf, in.getLength());
    }

    @Test
    void aUdpRetransmissionIsAnsweredFromTheCacheWithoutAskingTheHandlerAgain() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(5000);
            byte[] req = request(OwnServer.UDP_SECRET);
            long handledBefore = own.handled.get();
            long duplicatesBefore = udp().duplicates();
            byte[] first = exchange(s, req);
            byte[] second = exchange(s, req);
            assertArrayEquals(first, second, "the same answer");
            assertEquals(handledBefore + 1, own.handled.get(), "the handler ran once");
            assertEquals(duplicatesBefore + 1, udp().duplicates());
            assertEquals(PacketCode.ACCESS_ACCEPT, CODEC.decodeResponse(first, req, SharedSecret.of(OwnServer.UDP_SECRET)).code());
        }
    }

    @Test
    void aWrongSecretAndGarbageAreCountedAndDroppedAndTheNextRequestIsAnswered() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(5000);
            ListenerStatistics before = udp();
            byte[] forged = request("not-the-secret-xyz");
            s.send(new DatagramPacket(forged, forged.length, InetAddress.getLoopbackAddress(), udpPort));
            byte[] garbage = {1, 2, 0, 5, 9};
            s.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), udpPort));
            Waits.until(() -> udp().badAuthenticators() == before.badAuthenticators() + 1
                    && udp().malformed() == before.malformed() + 1, Duration.ofSeconds(5), () -> udp().toString());
            byte[] answer = exchange(s, request(OwnServer.UDP_SECRET));
            assertEquals(PacketCode.ACCESS_ACCEPT.code(), answer[0] & 0xFF);
        }
    }

    @Test
    void requestsFromOutsideTheClientNetworksAreDropped() throws Exception {
        own.server.listenerConfigured("l-narrow", Map.of("name", "narrow", "protocol", "udp", "port", "0",
                "clients", "192.0.2.0/24 some-secret-value"));
        int port = own.server.localAddress("narrow").orElseThrow().getPort();
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] req = request("some-secret-value");
            s.send(new DatagramPacket(req, req.length, InetAddress.getLoopbackAddress(), port));
            Waits.until(() -> own.server.statistics("narrow").orElseThrow().unknownClients() == 1, Duration.ofSeconds(5),
                    () -> own.server.statistics("narrow").toString());
            assertEquals(0, own.server.statistics("narrow").orElseThrow().requests());
        } finally {
            own.server.listenerRemoved("l-narrow");
        }
    }

    @Test
    void aRadsecListenerWithAllowedPeerNamesRefusesOtherClientCertificates() throws Exception {
        own.server.listenerConfigured("l-picky", Map.of("name", "picky", "port", "0", "tls-certificate", "server",
                "allowed-peer-names", "nas.example.org"));
        int port = own.server.localAddress("picky").orElseThrow().getPort();
        TestPki.Credential nas = own.pki.issue("nas", "nas", "DNS:nas.example.org");
        own.credentials.certificateConfigured("c-nas", Map.of("name", "nas",
                "certificate", nas.certificate().toString(), "private-key", nas.key().toString()));
        Waits.until(() -> own.credentials.certificate("nas").isAvailable(), Duration.ofSeconds(10), () -> "nas cert");
        try {
            own.client.destinationConfigured("d-31", Map.of("id", "31", "address", "127.0.0.1", "port", String.valueOf(port),
                    "tls-certificate", "client"));
            own.client.destinationConfigured("d-32", Map.of("id", "32", "address", "127.0.0.1", "port", String.valueOf(port),
                    "tls-certificate", "nas"));
            RadiusPacket login = TransportContract.login("alice", "alice-pw");
            assertEquals(PacketCode.ACCESS_ACCEPT, own.client.send(32, login).toCompletableFuture().get(10, TimeUnit.SECONDS).code());
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> own.client.send(31, login).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertInstanceOf(DestinationUnavailableException.class, refused.getCause());
        } finally {
            own.client.destinationRemoved("d-31");
            own.client.destinationRemoved("d-32");
            own.server.listenerRemoved("l-picky");
        }
    }

    @Test
    void theClientSendsTlsPeerNameAsSni() throws Exception {
        javax.net.ssl.SSLContext context = own.credentials.sslContext("server", "default");
        try (SSLServerSocket ss = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            ss.setNeedClientAuth(true);
            CompletableFuture<List<javax.net.ssl.SNIServerName>> sni = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    return ((ExtendedSSLSession) s.getSession()).getRequestedServerNames();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            own.client.destinationConfigured("d-33", Map.of("id", "33", "address", "127.0.0.1",
                    "port", String.valueOf(ss.getLocalPort()), "tls-certificate", "client", "tls-peer-name", "localhost"));
            assertEquals(List.of(new SNIHostName("localhost")), sni.get(10, TimeUnit.SECONDS));
        } finally {
            own.client.destinationRemoved("d-33");
        }
    }

    @Test
    void aServerThatNeverCompletesTheHandshakeIsGivenUpAfterTlsTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().readAllBytes(); // reads the ClientHello and says nothing
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            long start = System.nanoTime();
            own.client.destinationConfigured("d-34", Map.of("id", "34", "address", "127.0.0.1",
                    "port", String.valueOf(silent.getLocalPort()), "tls-certificate", "client", "tls-timeout", "3"));
            Waits.until(() -> own.client.statistics(34).orElseThrow().state() == DestinationStatistics.State.DOWN,
                    Duration.ofSeconds(10), () -> own.client.statistics(34).toString());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 2900 && ms < 8000, "given up after about tls-timeout (3 s): " + ms + " ms");
        } finally {
            own.client.destinationRemoved("d-34");
        }
    }
}
