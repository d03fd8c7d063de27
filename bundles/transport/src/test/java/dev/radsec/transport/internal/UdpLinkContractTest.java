package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ExecutorScheduler;
import java.time.Instant;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.RadiusDictionary;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** UDP links from {@link UdpLinkFactory} to our own {@link UdpListener} on loopback; and links it accepts. */
class UdpLinkContractTest extends LinkContractTest {
    static ExecutorScheduler timer;
    static RequestDispatcher dispatcher;
    static Link.Acceptor listener;
    private final List<UdpLinkFactory> factories = new ArrayList<>();

    @BeforeAll
    static void listen() throws Exception {
        timer = new ExecutorScheduler(Clock.systemUTC(), "udp-link-contract");
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "udp-contract", "protocol", "udp",
                "port", "0", "clients", "127.0.0.1/32 " + SECRET));
        dispatcher = new RequestDispatcher(settings, RadiusDictionary.of(DICTIONARY), timer, name -> ACCEPT_ALL);
        listener = AcceptedLinks.listen(new UdpLinkAcceptor(settings, timer), settings, dispatcher);
    }

    @AfterAll
    static void stop() {
        listener.close();
        dispatcher.close();
        timer.close();
    }

    @AfterEach
    void closeFactories() {
        factories.forEach(UdpLinkFactory::close);
    }

    private Link openWith(Link.Listener events, String... extra) throws Exception {
        String port = String.valueOf(listener.localAddress().getPort());
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "127.0.0.1", "protocol", "udp",
                "port", port, "accounting-port", port, "secret", SECRET));
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        UdpLinkFactory f = new UdpLinkFactory(DestinationSettings.parse(p));
        factories.add(f);
        return f.open(events);
    }

    @Override
    Link open(Link.Listener events) throws Exception {
        return openWith(events);
    }

    /** A source address this host does not have: the socket cannot be opened. */
    @Override
    Link openRefused(Link.Listener events) throws Exception {
        return openWith(events, "source-address", "192.0.2.1");
    }

    @Override
    Duration settle() {
        return Duration.ofMillis(300);
    }

    @Test
    void anAcceptedLinkIsUpFromItsFirstDatagramCarriesEachOneAndGoesDownOnceWhenTheAcceptorCloses() throws Exception {
        LinkEvents accepted = new LinkEvents((link, packet) -> link.send(packet)); // echoes
        UdpLinkAcceptor acceptor = new UdpLinkAcceptor(ListenerSettings.parse(Map.of("name", "echo", "protocol", "udp",
                "port", "0", "secret", SECRET)), timer);
        acceptor.bind(accepted);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(5000);
            for (int id = 1; id <= 2; id++) {
                byte[] sent = request(id);
                client.send(new DatagramPacket(sent, sent.length, acceptor.localAddress()));
                DatagramPacket echo = new DatagramPacket(new byte[4096], 4096);
                client.receive(echo);
                assertEquals(sent.length, echo.getLength());
            }
            accepted.awaitPackets(2);
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), client.getLocalPort()), accepted.info.remote);
            assertTrue(accepted.info.peerChain == null, "no certificate over UDP");
        } finally {
            acceptor.close();
        }
        accepted.awaitDown();
        accepted.assertAfterSettling(settle(), List.of("up", "packet", "packet",
                "down: the listener closed"));
    }

    @Test
    void aClientQuietForAMinuteIsForgottenWithItsLinkDown() throws Exception {
        ManualScheduler clock = new ManualScheduler(Instant.parse("2026-12-01T00:00:00Z"));
        LinkEvents accepted = new LinkEvents();
        UdpLinkAcceptor acceptor = new UdpLinkAcceptor(ListenerSettings.parse(Map.of("name", "quiet", "protocol", "udp",
                "port", "0", "secret", SECRET)), clock);
        acceptor.bind(accepted);
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] sent = request(1);
            client.send(new DatagramPacket(sent, sent.length, acceptor.localAddress()));
            accepted.awaitPackets(1);
            clock.advance(UdpLinkAcceptor.IDLE.minusSeconds(1));
            accepted.assertAfterSettling(Duration.ZERO, List.of("up", "packet"));
            clock.advance(Duration.ofSeconds(1));
            accepted.awaitDown();
            accepted.assertAfterSettling(settle(), List.of("up", "packet", "down: no datagram for a while"));
        } finally {
            acceptor.close();
        }
    }
}
