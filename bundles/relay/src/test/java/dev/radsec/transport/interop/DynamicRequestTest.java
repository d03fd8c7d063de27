package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RadSec server sends CoA and Disconnect requests over the connection our client opened (RFC 5176 over RadSec);
 * with dynamic-requests on, the relay takes them to the NAS on UDP and brings the NAS's answer back. The RadSec
 * server here is a bare TLS socket driven by the test, the NAS a UDP socket; both answer with our codec. Two relays
 * share the routing: each request reaches the relay whose client networks hold its NAS.
 */
class DynamicRequestTest {
    static final Dictionary DICT = Dictionary.standard();
    static final PacketCodec CODEC = new PacketCodec(DICT);
    static final String NAS_SECRET = "nas-coa-secret-1";
    @TempDir
    static Path dir;
    static OwnServer own;
    static RelayConfiguration relay;
    static RelayConfiguration otherRelay;
    static DatagramSocket nas;

    @BeforeAll
    static void start() throws Exception {
        own = OwnServer.started(dir);
        nas = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(DynamicRequestTest::nasAcks);
        // two relays share the routing of dynamic requests; the other one, applied last, owns another network
        RelayRegistry registry = Relays.registry(own.client);
        relay = Relays.relay(own.server, own.client, registry);
        otherRelay = Relays.relay(own.server, own.client, registry);
        relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.dyn", "name", "dyn", "auth-port", "0",
                "acct-port", "0", "clients", "127.0.0.1/32 " + NAS_SECRET, "destinations", "21",
                "coa-port", String.valueOf(nas.getLocalPort()))));
        otherRelay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.other", "name", "other", "auth-port", "0",
                "acct-port", "0", "clients", "10.0.0.0/8 other-nas-secret", "destinations", "21", "coa-port", "9")));
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.closeAll(Relays.removal(relay), Relays.removal(otherRelay), nas, own);
    }

    /** The NAS: acknowledges every CoA and Disconnect it can verify with its secret. */
    static void nasAcks() {
        byte[] buf = new byte[4096];
        while (!nas.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                nas.receive(in);
                RadiusPacket req = CODEC.decodeRequest(java.util.Arrays.copyOf(buf, in.getLength()), SharedSecret.of(NAS_SECRET));
                PacketCode ack = req.code() == PacketCode.COA_REQUEST ? PacketCode.COA_ACK : PacketCode.DISCONNECT_ACK;
                byte[] out = CODEC.encodeResponse(RadiusPacket.builder(ack, DICT).identifier(req.identifier()).build(),
                        req, SharedSecret.of(NAS_SECRET));
                nas.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
            } catch (Exception e) {
                // closed, or a packet the NAS cannot verify: a real NAS drops it too
            }
        }
    }

    /** Accepts our client's connection, sends {@code request} over it and returns the answer it gets. */
    private static RadiusPacket overTheTunnel(int destinationId, boolean dynamic, RadiusPacket request) throws Exception {
        return overTheTunnel(destinationId, dynamic, dynamic, request);
    }

    /**
     * As {@link #overTheTunnel(int, boolean, RadiusPacket)}, with {@code dynamic-requests} and {@code source-address}
     * set apart.
     */
    private static RadiusPacket overTheTunnel(int destinationId, boolean dynamic, boolean sourceAddress,
            RadiusPacket request) throws Exception {
        try (SSLServerSocket ss = (SSLServerSocket) own.credentials.sslContext("server", "default").getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ss.setNeedClientAuth(true);
            Map<String, Object> d = new HashMap<>(Map.of("id", String.valueOf(destinationId), "address", "127.0.0.1",
                    "port", String.valueOf(ss.getLocalPort()), "tls-certificate", "client", "status-server", "0"));
            if (dynamic) {
                d.put("dynamic-requests", "true");
            }
            if (sourceAddress) {
                d.put("source-address", "127.0.0.1");
            }
            own.client.destinationConfigured("d-" + destinationId, d);
            try (SSLSocket s = (SSLSocket) ss.accept()) {
                s.setSoTimeout(10_000);
                s.startHandshake();
                byte[] wire = CODEC.encodeRequest(request, SharedSecret.of("radsec"));
                s.getOutputStream().write(wire);
                s.getOutputStream().flush();
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] header = new byte[4];
                in.readFully(header);
                int length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
                byte[] answer = new byte[length];
                System.arraycopy(header, 0, answer, 0, 4);
                in.readFully(answer, 4, length - 4);
                return CODEC.decodeResponse(answer, wire, SharedSecret.of("radsec"));
            } finally {
                own.client.destinationRemoved("d-" + destinationId);
            }
        }
    }

    private static RadiusPacket request(PacketCode code, String nasAddress) {
        return RadiusPacket.builder(code, DICT).identifier(5).add("User-Name", "alice")
                .add("NAS-IP-Address", nasAddress).add("Acct-Session-Id", "s-42").build();
    }

    @Test
    void aDisconnectFromTheServerReachesTheNasAndItsAckComesBack() throws Exception {
        RadiusPacket answer = overTheTunnel(61, true, request(PacketCode.DISCONNECT_REQUEST, "127.0.0.1"));
        assertEquals(PacketCode.DISCONNECT_ACK, answer.code());
    }

    @Test
    void aCoaFromTheServerReachesTheNasAndItsAckComesBack() throws Exception {
        RadiusPacket answer = overTheTunnel(62, true, request(PacketCode.COA_REQUEST, "127.0.0.1"));
        assertEquals(PacketCode.COA_ACK, answer.code());
    }

    @Test
    void aCoaNamingOnlyTheNasIdentifierGoesWhereThatNasSendsFrom() throws Exception {
        // the NAS makes itself known: any request through the relay carrying its NAS-Identifier
        RadiusPacket hello = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).identifier(9)
                .add("Acct-Status-Type", 7).add("NAS-Identifier", "ap-7").build();
        byte[] wire = CODEC.encodeRequest(hello, SharedSecret.of(NAS_SECRET));
        int acctPort = own.server.localAddress("relay-dyn-acct").orElseThrow().getPort();
        nas.send(new DatagramPacket(wire, wire.length, InetAddress.getLoopbackAddress(), acctPort));
        RadiusPacket coa = RadiusPacket.builder(PacketCode.COA_REQUEST, DICT).identifier(6).add("User-Name", "alice")
                .add("NAS-Identifier", "ap-7").add("Acct-Session-Id", "s-43").build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        RadiusPacket answer;
        do { // the relay learns the identifier when the accounting request arrives, asynchronously
            answer = overTheTunnel(65, true, coa);
        } while (answer.code() != PacketCode.COA_ACK && System.nanoTime() < deadline);
        assertEquals(PacketCode.COA_ACK, answer.code());
    }

    @Test
    void anUnknownNasIdentifierIsNotRoutable() throws Exception {
        RadiusPacket coa = RadiusPacket.builder(PacketCode.COA_REQUEST, DICT).identifier(7).add("User-Name", "alice")
                .add("NAS-Identifier", "never-seen").build();
        RadiusPacket answer = overTheTunnel(66, true, coa);
        assertEquals(PacketCode.COA_NAK, answer.code());
        assertEquals(502, answer.first("Error-Cause").orElseThrow().asInt());
    }

    @Test
    void aSessionOnANasThatIsNotOursIsNotRoutable() throws Exception {
        RadiusPacket answer = overTheTunnel(63, true, request(PacketCode.DISCONNECT_REQUEST, "192.0.2.99"));
        assertEquals(PacketCode.DISCONNECT_NAK, answer.code());
        assertEquals(502, answer.first("Error-Cause").orElseThrow().asInt());
    }

    @Test
    void withDynamicRequestsOffTheAnswerIsANak() throws Exception {
        RadiusPacket answer = overTheTunnel(64, false, request(PacketCode.COA_REQUEST, "127.0.0.1"));
        assertEquals(PacketCode.COA_NAK, answer.code());
        assertEquals(502, answer.first("Error-Cause").orElseThrow().asInt());
    }

    /**
     * A dynamic request names the NAS by address, and our source address is what the server sends it to; without
     * one the relay cannot tell which of our addresses the server means, so dynamic-requests alone is refused:
     * NAK 502, and the NAS never sees the request (it would have acknowledged it).
     */
    @Test
    void withDynamicRequestsButNoSourceAddressTheAnswerIsANak() throws Exception {
        RadiusPacket coa = overTheTunnel(67, true, false, request(PacketCode.COA_REQUEST, "127.0.0.1"));
        assertEquals(PacketCode.COA_NAK, coa.code());
        assertEquals(502, coa.first("Error-Cause").orElseThrow().asInt());
        RadiusPacket disconnect = overTheTunnel(68, true, false, request(PacketCode.DISCONNECT_REQUEST, "127.0.0.1"));
        assertEquals(PacketCode.DISCONNECT_NAK, disconnect.code());
        assertEquals(502, disconnect.first("Error-Cause").orElseThrow().asInt());
    }
}
