package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.Radclient;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.relay.internal.RelayConfiguration;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RadSec to UDP, the server side for access points that speak RadSec (Meraki MR): our relay's RadSec listener
 * takes mutual TLS and relays to a plain RADIUS/UDP server, real FreeRADIUS 3.2.1. Clients: our own RadSec client,
 * and real radsecproxy 1.9.2 acting as a NAS-side UDP-to-RadSec proxy in front of radclient.
 */
class RadsecRelayTest {
    static final String NAS_SECRET = "nas-behind-radsecproxy";
    @TempDir
    static Path dir;
    static Peer peer;
    static RadiusServerImpl server;
    static RelayConfiguration relay;
    static InetSocketAddress relayAddress;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        peer = new Peer(dir);
        peer.credentials.certificateConfigured("cert-server", Map.of("name", "server",
                "certificate", peer.pki.server().certificate().toString(), "private-key", peer.pki.server().key().toString()));
        Waits.until(() -> peer.credentials.certificate("server").isAvailable(), Duration.ofSeconds(10), () -> "server cert");
        peer.udpDestination(42);
        server = new RadiusServerImpl(peer.credentials, Dictionary.standard(), peer.timer);
        relay = Relays.relay(server, peer.client);
        relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.ap", "name", "ap", "protocol", "radsec",
                "port", "0", "tls-certificate", "server", "destinations", "42")));
        relayAddress = server.localAddress("relay-ap-radsec").orElseThrow();
        peer.radsecDestination(43, "port", String.valueOf(relayAddress.getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.closeAll(Relays.removal(relay), Relays.closing(server), peer);
    }

    @Test
    void anAccessPointOverRadsecIsAnsweredByAUdpServer() throws Exception {
        RadiusPacket accept = peer.client.send(43, TransportContract.login("alice", "alice-pw")).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertEquals(PacketCode.ACCESS_ACCEPT, accept.code());
        assertEquals("hello alice", accept.first("Reply-Message").orElseThrow().asString());
        assertEquals(PacketCode.ACCESS_REJECT, peer.client.send(43, TransportContract.login("alice", "nope"))
                .toCompletableFuture().get(20, TimeUnit.SECONDS).code());
        RadiusPacket acct = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, Dictionary.standard())
                .add("Acct-Status-Type", "Start").add("Acct-Session-Id", "ap-0815").add("User-Name", "alice").build();
        assertEquals(PacketCode.ACCOUNTING_RESPONSE, peer.client.send(43, acct).toCompletableFuture()
                .get(20, TimeUnit.SECONDS).code());
        assertTrue(detail().contains("ap-0815"));
    }

    @Test
    void radsecproxyAsNasSideProxyReachesTheUdpServerThroughUs() throws Exception {
        Peers.assumeInstalled(RadsecproxyProcess.BINARY, RadsecproxyProcess.PACKAGE);
        Peers.assumeInstalled(Radclient.BINARY, "freeradius-utils");
        int udp = FreeRadiusProcess.freeUdpPort();
        try (RadsecproxyProcess nasProxy = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("nas-proxy")))
                .tls(peer.pki.caCertificate(), peer.pki.server().certificate(), peer.pki.server().key())
                .server("tls", relayAddress, "radsec")
                .config("ListenUDP 127.0.0.1:" + udp + "\nclient nas {\n    host 127.0.0.1\n    type udp\n    secret "
                        + NAS_SECRET + "\n}")
                .start()) {
            Radclient.Result r = Radclient.start(Files.createTempDirectory(dir, "radclient"),
                    new InetSocketAddress("127.0.0.1", udp), "auth", NAS_SECRET,
                    "User-Name = \"bob\",\nUser-Password = \"bob-pw\",\nMessage-Authenticator = 0x00")
                    .await(Duration.ofSeconds(20));
            assertTrue(r.output().contains("Received Access-Accept"), r.output() + "\n" + nasProxy.log());
            assertTrue(r.output().contains("hello bob"), r.output());
        }
    }

    private static String detail() throws Exception {
        try (Stream<Path> files = Files.walk(peer.server.directory())) {
            List<Path> details = files.filter(p -> p.getFileName().toString().startsWith("detail-")).toList();
            StringBuilder all = new StringBuilder();
            for (Path p : details) {
                all.append(Files.readString(p));
            }
            return all.toString();
        }
    }
}
