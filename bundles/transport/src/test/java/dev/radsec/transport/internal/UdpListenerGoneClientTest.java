package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RadiusRequestHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A UDP listener answering NASes that went away: each answer meets a closed port, and the kernel sends the listener
 * ICMP port unreachable. That must not close the listener nor lose other clients' requests: its socket is not
 * connected (Linux reports ICMP errors only on connected UDP sockets, and Java ignores ECONNREFUSED on others), and
 * its reader outlives any I/O error. Real sockets on 127.0.0.1.
 */
class UdpListenerGoneClientTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final String SECRET = "gone-client-secret";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-12-03T00:00:00Z"));
    /** Requests from this client port are answered only when the test completes them. */
    private volatile int held = -1;
    private final BlockingQueue<CompletableFuture<RadiusPacket>> heldAnswers = new ArrayBlockingQueue<>(1);
    private RequestDispatcher dispatcher;
    private Link.Acceptor listener;

    @BeforeEach
    void listen() throws Exception {
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "gone", "protocol", "udp", "port", "0",
                "clients", "127.0.0.1/32 " + SECRET));
        RadiusRequestHandler handler = (context, request) -> {
            RadiusPacket accept = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).build();
            if (context.remote().getPort() != held) {
                return CompletableFuture.completedFuture(accept);
            }
            CompletableFuture<RadiusPacket> later = new CompletableFuture<>();
            heldAnswers.add(later);
            return later.thenApply(ignored -> accept);
        };
        dispatcher = new RequestDispatcher(settings, RadiusDictionary.of(DICT), timer, name -> handler);
        listener = AcceptedLinks.listen(new UdpLinkAcceptor(settings, timer), settings, dispatcher);
    }

    @AfterEach
    void close() {
        listener.close();
        dispatcher.close();
    }

    @Test
    void answersToNasesThatWentAwayNeitherCloseTheListenerNorLoseOtherClientsRequests() throws Exception {
        int identifier = 0;
        try (DatagramSocket other = client()) {
            for (int nas = 0; nas < 20; nas++) {
                assertAnswered(other, identifier++);
                CompletableFuture<RadiusPacket> answer;
                int gonePort;
                try (DatagramSocket gone = client()) {
                    gonePort = gone.getLocalPort();
                    held = gonePort;
                    send(gone, identifier++);
                    answer = heldAnswers.poll(10, TimeUnit.SECONDS);
                    assertTrue(answer != null, "the request from the NAS that goes away reached the handler");
                }
                ClosedUdpPorts.assertRefused(gonePort);
                answer.complete(null); // the answer goes to a closed port: ICMP port unreachable comes back
                assertAnswered(other, identifier++);
            }
            for (int i = 0; i < 100; i++) {
                assertAnswered(other, identifier++ & 0xFF);
            }
        }
    }

    private static DatagramSocket client() throws Exception {
        DatagramSocket s = new DatagramSocket(0, LOOPBACK);
        s.setSoTimeout(10_000);
        return s;
    }

    private void send(DatagramSocket from, int identifier) throws Exception {
        byte[] request = CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                .identifier(identifier & 0xFF).add("User-Name", "alice").build(), SharedSecret.of(SECRET));
        from.send(new DatagramPacket(request, request.length, listener.localAddress()));
    }

    private void assertAnswered(DatagramSocket from, int identifier) throws Exception {
        send(from, identifier);
        DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
        from.receive(answer); // within 10 s, or SocketTimeoutException
        assertEquals(PacketCode.ACCESS_ACCEPT.code(), answer.getData()[0] & 0xFF);
        assertEquals(identifier & 0xFF, answer.getData()[1] & 0xFF);
    }

}
