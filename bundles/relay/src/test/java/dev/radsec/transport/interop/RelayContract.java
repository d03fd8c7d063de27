package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.Radclient;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.ClientNetworkStatistics;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * radclient as the NAS -> our relay (RADIUS/UDP) -> RadSec -> a real RadSec server -> FreeRADIUS 3.2.1. radclient
 * checks every answer against its own request and secret, so a passing exchange proves the re-signing in both
 * directions. Subclasses choose the RadSec server (FreeRADIUS itself, or radsecproxy in front of it).
 */
abstract class RelayContract {
    static final String NAS_SECRET = "nas-secret-for-relay";
    @TempDir
    static Path dir;
    static Peer peer;
    static RadiusServerImpl server;
    static RelayConfiguration relay;
    static RelayRegistry relays;
    static int authPort;
    static int acctPort;

    /** Starts the relay with destination 1, which the subclass configured on {@link #peer}. */
    static void startRelay() throws Exception {
        server = new RadiusServerImpl(peer.credentials, Dictionary.standard(), peer.timer);
        relays = Relays.registry(peer.client);
        relay = Relays.relay(server, peer.client, relays);
        Map<String, Object> cfg = new HashMap<>(Map.of("service.pid", "dev.radsec.relay.test", "name", "test",
                "auth-port", "0", "acct-port", "0", "secret", NAS_SECRET, "destinations", "1"));
        relay.apply(cfg);
        authPort = server.localAddress("relay-test-auth").orElseThrow().getPort();
        acctPort = server.localAddress("relay-test-acct").orElseThrow().getPort();
    }

    @AfterAll
    static void stopRelay() throws Exception {
        Peers.closeAll(Relays.removal(relay), Relays.closing(server), peer);
    }

    private static Radclient.Result radclient(String command, int port, String input) throws Exception {
        return Radclient.start(Files.createTempDirectory(dir, "radclient"), new InetSocketAddress("127.0.0.1", port),
                command, NAS_SECRET, input).await(Duration.ofSeconds(20));
    }

    @Test
    void papAcceptComesBackWithTheReplyAttributesAndProxyState() throws Exception {
        Radclient.Result r = radclient("auth", authPort, String.join(",\n", "User-Name = \"alice\"",
                "User-Password = \"alice-pw\"", "Message-Authenticator = 0x00", "Proxy-State = 0x0a0b0c0d"));
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("Received Access-Accept"), r.output());
        assertTrue(r.output().contains("Reply-Message = \"hello alice\""), r.output());
        assertTrue(r.output().contains("Session-Timeout = 3600"), r.output());
        assertTrue(r.output().contains("Proxy-State = 0x0a0b0c0d"), r.output());
    }

    @Test
    void aWrongPasswordIsRejected() throws Exception {
        Radclient.Result r = radclient("auth", authPort, String.join(",\n", "User-Name = \"alice\"",
                "User-Password = \"wrong\"", "Message-Authenticator = 0x00"));
        assertTrue(r.output().contains("Received Access-Reject"), r.output());
    }

    @Test
    void chapIsRelayedWithTheNasAuthenticatorAsChapChallenge() throws Exception {
        Radclient.Result r = radclient("auth", authPort, String.join(",\n", "User-Name = \"bob\"",
                "CHAP-Password = \"bob-pw\"", "Message-Authenticator = 0x00"));
        assertEquals(0, r.exitCode(), r.output() + "\n" + peer.server.log());
        assertTrue(r.output().contains("Received Access-Accept"), r.output());
    }

    @Test
    void accountingLandsInFreeRadiusDetailFile() throws Exception {
        Radclient.Result r = radclient("acct", acctPort, String.join(",\n", "Acct-Status-Type = Start",
                "Acct-Session-Id = \"relay-4711\"", "User-Name = \"alice\"", "NAS-IP-Address = 192.0.2.7"));
        assertTrue(r.output().contains("Received Accounting-Response"), r.output());
        Path radacct = peer.server.directory();
        try (Stream<Path> files = Files.walk(radacct)) {
            List<Path> details = files.filter(p -> p.getFileName().toString().startsWith("detail-")).toList();
            String all = "";
            for (Path p : details) {
                all += Files.readString(p);
            }
            assertTrue(all.contains("relay-4711"), "detail files " + details + ":\n" + all);
        }
    }

    @Test
    void statusServerIsAnsweredByTheRelayItself() throws Exception {
        Radclient.Result r = radclient("status", authPort, "Message-Authenticator = 0x00");
        assertTrue(r.output().contains("Received Access-Accept"), r.output());
    }

    @Test
    void aNasOutsideTheClientNetworksGetsNothing() throws Exception {
        Radclient.Result r = Radclient.start(Files.createTempDirectory(dir, "radclient"),
                new InetSocketAddress("127.0.0.1", authPort), "auth", "not-the-nas-secret",
                "User-Name = \"alice\",\nUser-Password = \"alice-pw\",\nMessage-Authenticator = 0x00")
                .await(Duration.ofSeconds(20));
        assertTrue(!r.output().contains("Received Access-"), "a wrong NAS secret gets no answer: " + r.output());
        assertTrue(server.statistics("relay-test-auth").orElseThrow().badAuthenticators() >= 1);
    }

    @Test
    void everyDatagramIsCountedUnderItsClientNetworkExactlyOnce() throws Exception {
        ClientNetworkStatistics before = network("127.0.0.1/32");
        PacketCodec codec = new PacketCodec(Dictionary.standard());
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard()).identifier(77)
                .add("User-Name", "alice").add("User-Password", "alice-pw").build();
        byte[] good = codec.encodeRequest(request, SharedSecret.of(NAS_SECRET));
        byte[] forged = codec.encodeRequest(request, SharedSecret.of("not-the-nas-secret"));
        try (DatagramSocket nas = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            nas.setSoTimeout(10_000);
            InetSocketAddress relayAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), authPort);
            nas.send(new DatagramPacket(good, good.length, relayAddress));
            byte[] buf = new byte[4096];
            DatagramPacket answer = new DatagramPacket(buf, buf.length);
            nas.receive(answer);
            assertEquals(PacketCode.ACCESS_ACCEPT.code(), buf[0] & 0xFF);
            nas.send(new DatagramPacket(good, good.length, relayAddress)); // a retransmission: answered from the cache
            nas.receive(answer);
            nas.send(new DatagramPacket(forged, forged.length, relayAddress));
            nas.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, relayAddress));
        }
        Waits.until(() -> network("127.0.0.1/32").malformed() > before.malformed()
                && network("127.0.0.1/32").badAuthenticator() > before.badAuthenticator(), Duration.ofSeconds(10),
                () -> "the forged and the malformed datagram counted: " + network("127.0.0.1/32"));
        ClientNetworkStatistics after = network("127.0.0.1/32");
        assertEquals(1, after.requests() - before.requests());
        assertEquals(1, after.forwarded() - before.forwarded());
        assertEquals(1, after.duplicates() - before.duplicates());
        assertEquals(1, after.badAuthenticator() - before.badAuthenticator());
        assertEquals(1, after.malformed() - before.malformed());
        assertEquals(0, after.noDestination() - before.noDestination());
    }

    private static ClientNetworkStatistics network(String cidr) {
        return relays.relay("test").orElseThrow().networks().stream().filter(n -> n.network().equals(cidr))
                .findFirst().orElseThrow();
    }
}
