package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.relay.internal.RelayConfiguration;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RADIUS/DTLS to UDP (RFC 7360), for access points that speak DTLS: our relay with {@code protocol = dtls} takes
 * DTLS sessions (cookie exchange, mutual certificates) and relays to a plain RADIUS/UDP server, real FreeRADIUS
 * 3.2.1. The access point is our own DTLS client.
 */
class DtlsRelayTest {
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
        peer.udpDestination(52);
        server = new RadiusServerImpl(peer.credentials, Dictionary.standard(), peer.timer);
        relay = Relays.relay(server, peer.client);
        relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.aps", "name", "aps", "protocol", "dtls",
                "port", "0", "tls-certificate", "server", "destinations", "52")));
        relayAddress = server.localAddress("relay-aps-dtls").orElseThrow();
        peer.client.destinationConfigured("dest-53", Map.of("id", "53", "protocol", "dtls", "address", "127.0.0.1",
                "port", String.valueOf(relayAddress.getPort()), "tls-certificate", "client", "tls-peer-name", "localhost"));
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.closeAll(Relays.removal(relay), Relays.closing(server), peer);
    }

    @Test
    void anAccessPointOverDtlsIsAnsweredByAUdpServer() throws Exception {
        RadiusPacket accept = peer.client.send(53, TransportContract.login("alice", "alice-pw")).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        assertEquals(PacketCode.ACCESS_ACCEPT, accept.code());
        assertEquals("hello alice", accept.first("Reply-Message").orElseThrow().asString());
        assertEquals(PacketCode.ACCESS_REJECT, peer.client.send(53, TransportContract.login("alice", "nope"))
                .toCompletableFuture().get(20, TimeUnit.SECONDS).code());
        RadiusPacket acct = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, Dictionary.standard())
                .add("Acct-Status-Type", "Start").add("Acct-Session-Id", "ap-dtls-1").add("User-Name", "alice").build();
        assertEquals(PacketCode.ACCOUNTING_RESPONSE, peer.client.send(53, acct).toCompletableFuture()
                .get(20, TimeUnit.SECONDS).code());
        assertEquals("DTLSv1.2", peer.client.statistics(53).orElseThrow().tlsVersion().orElseThrow());
    }
}
