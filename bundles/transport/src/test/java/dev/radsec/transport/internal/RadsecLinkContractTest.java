package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.RadiusDictionary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RadSec links from {@link RadsecLinkFactory} to our own {@link RadsecLinkAcceptor} on loopback, with certificates
 * from the PKI bundle made in-process; and the listener's side: accepted links keep the same contract, a refused
 * or abandoned handshake counts as tls-refused, and {@code tls-timeout} bounds a silent client.
 */
class RadsecLinkContractTest extends LinkContractTest {
    @TempDir
    static Path dir;
    static InProcessPki pki;
    static ExecutorScheduler timer;
    static IoProcessor<NioSession> processors;
    static RequestDispatcher dispatcher;
    static Link.Acceptor listener;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void listen() throws Exception {
        pki = new InProcessPki(dir);
        timer = new ExecutorScheduler(Clock.systemUTC(), "radsec-link-contract");
        processors = new SimpleIoProcessorPool<>(NioProcessor.class);
        ListenerSettings settings = listenerSettings("contract");
        dispatcher = new RequestDispatcher(settings, RadiusDictionary.of(DICTIONARY), timer, name -> ACCEPT_ALL);
        listener = AcceptedLinks.listen(new RadsecLinkAcceptor(settings, pki.credentials, timer, processors), settings,
                dispatcher);
    }

    @AfterAll
    static void stop() {
        listener.close();
        dispatcher.close();
        processors.dispose();
        timer.close();
        pki.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    private static ListenerSettings listenerSettings(String name, String... extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("name", name, "port", "0", "tls-certificate", "server",
                "clients", "127.0.0.1/32 " + SECRET));
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        return ListenerSettings.parse(p);
    }

    private Link openTo(int port, Link.Listener events, String... extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "127.0.0.1", "port", String.valueOf(port),
                "tls-certificate", "client", "tls-timeout", "3"));
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        RadsecLinkFactory f = new RadsecLinkFactory(DestinationSettings.parse(p), pki.credentials, timer, processors);
        closeAfter.add(f);
        return f.open(events);
    }

    @Override
    Link open(Link.Listener events) throws Exception {
        return openTo(listener.localAddress().getPort(), events);
    }

    /** The listener's certificate does not name tls-peer-name: the client refuses it in the handshake. */
    @Override
    Link openRefused(Link.Listener events) throws Exception {
        return openTo(listener.localAddress().getPort(), events, "tls-peer-name", "elsewhere.example.org");
    }

    @Override
    Duration settle() {
        return Duration.ofMillis(500);
    }

    @Test
    void aClosedPortReportsOneDownAndNoUp() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        LinkEvents events = new LinkEvents();
        openTo(closedPort, events);
        events.awaitDown();
        events.assertOnlyDown(settle());
    }

    @Test
    void anAcceptedLinkIsUpWithTheClientsCertificateCarriesPacketsAndGoesDownOnceWhenTheClientCloses() throws Exception {
        LinkEvents accepted = new LinkEvents((link, packet) -> link.send(packet)); // echoes
        RadsecLinkAcceptor acceptor = bind(listenerSettings("echo"), accepted);
        LinkEvents client = new LinkEvents();
        Link link = openTo(acceptor.localAddress().getPort(), client);
        client.awaitUp();
        link.send(request(1));
        client.awaitPackets(1);
        link.close("client done");
        accepted.awaitDown();
        accepted.assertAfterSettling(settle(), List.of("up", "packet", "down: connection closed"));
        assertTrue(accepted.info.peerSubject().startsWith("CN=client,"), accepted.info.peerSubject());
        assertEquals(InetAddress.getLoopbackAddress(), accepted.info.remote.getAddress());
        assertTrue(accepted.info.tlsVersion.startsWith("TLSv1."), accepted.info.tlsVersion);
    }

    @Test
    void aClientTheListenerRefusesIsOneDownAndNoUpThereAndCountsAsTlsRefused() throws Exception {
        LinkEvents accepted = new LinkEvents();
        RadsecLinkAcceptor acceptor = bind(listenerSettings("picky", "allowed-peer-names", "other.example.org"), accepted);
        LinkEvents client = new LinkEvents();
        openTo(acceptor.localAddress().getPort(), client);
        client.awaitDown(); // over TLS 1.3 the client may have seen the handshake finish first: up, then down
        accepted.awaitDown();
        accepted.assertOnlyDown(settle());

        long before = dispatcher.counters.tlsRefused.sum();
        openTo(listenerPicky().localAddress().getPort(), new LinkEvents());
        waitFor(() -> dispatcher.counters.tlsRefused.sum() == before + 1, "tls-refused counted");
    }

    @Test
    void aClientSilentPastTlsTimeoutIsDisconnectedAndCountsAsTlsRefused() throws Exception {
        long before = dispatcher.counters.tlsRefused.sum();
        Link.Acceptor quick = listener(listenerSettings("quick", "tls-timeout", "3"));
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), quick.localAddress().getPort())) {
            silent.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertEquals(-1, silent.getInputStream().read(), "the listener closes the connection");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 2900 && ms < 8000, "closed after about tls-timeout (3 s): " + ms + " ms");
        }
        waitFor(() -> dispatcher.counters.tlsRefused.sum() == before + 1, "tls-refused counted");
    }

    @Test
    void aPeerSendingGarbageIsClosedAndCountedWhileAnotherConnectionCarriesOn() throws Exception {
        LinkEvents accepted = new LinkEvents((link, packet) -> link.send(packet)); // echoes
        RadsecLinkAcceptor echo = bind(listenerSettings("echo-beside-garbage"), accepted);
        LinkEvents client = new LinkEvents();
        Link good = openTo(echo.localAddress().getPort(), client);
        client.awaitUp();
        Link.Acceptor counted = listener(listenerSettings("garbage"));
        long before = dispatcher.counters.tlsRefused.sum();
        for (int port : new int[] {echo.localAddress().getPort(), counted.localAddress().getPort()}) {
            try (Socket bad = new Socket(InetAddress.getLoopbackAddress(), port)) {
                bad.setSoTimeout(10_000);
                byte[] garbage = new byte[300];
                new java.util.Random(3).nextBytes(garbage);
                garbage[0] = 22; // a handshake record header, then nonsense
                garbage[1] = 3;
                garbage[2] = 3;
                garbage[3] = 0;
                garbage[4] = 100;
                bad.getOutputStream().write(garbage);
                java.io.InputStream in = bad.getInputStream();
                while (in.read() != -1) {
                    // an alert, then the listener closes the connection
                }
            }
        }
        waitFor(() -> dispatcher.counters.tlsRefused.sum() == before + 1, "tls-refused counted");
        good.send(request(7));
        client.awaitPackets(1);
    }

    @Test
    void beyondMaxSessionsANewConnectionIsClosedAndCountedWhileTheOthersCarryOn() throws Exception {
        ListenerSettings settings = listenerSettings("one", "max-sessions", "1");
        RadsecLinkAcceptor one = new RadsecLinkAcceptor(settings, pki.credentials, timer, processors);
        closeAfter.add(AcceptedLinks.listen(one, settings, dispatcher));
        LinkEvents first = new LinkEvents();
        Link kept = openTo(one.localAddress().getPort(), first);
        first.awaitUp();
        long before = dispatcher.counters.tlsRefused.sum();
        LinkEvents second = new LinkEvents();
        openTo(one.localAddress().getPort(), second);
        second.awaitDown();
        waitFor(() -> dispatcher.counters.tlsRefused.sum() == before + 1, "counted as refused");
        kept.send(request(9));
        first.awaitPackets(1); // the dispatcher answers: the first connection still works
        kept.close("done");
        first.awaitDown();
        waitFor(() -> one.connections() == 0, "the listener saw it close");
        LinkEvents third = new LinkEvents();
        openTo(one.localAddress().getPort(), third);
        third.awaitUp(); // room again
    }

    @Test
    void aConnectionOnWhichNothingArrivesForIdleTimeoutIsClosedOnTheListenersClock() throws Exception {
        ManualScheduler clock = new ManualScheduler(java.time.Instant.now());
        ListenerSettings settings = listenerSettings("idle", "idle-timeout", "60");
        RadsecLinkAcceptor idle = new RadsecLinkAcceptor(settings, pki.credentials, clock, processors);
        closeAfter.add(idle);
        LinkEvents accepted = new LinkEvents((link, packet) -> link.send(packet)); // echoes
        idle.bind(accepted);
        LinkEvents client = new LinkEvents();
        Link link = openTo(idle.localAddress().getPort(), client, "status-server", "0");
        client.awaitUp();
        accepted.awaitUp();
        for (int second = 0; second < 50; second++) {
            clock.advance(Duration.ofSeconds(1));
        }
        link.send(request(3)); // at 50 s: something arrives, the count starts again
        client.awaitPackets(1);
        for (int second = 0; second < 50; second++) {
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(List.of("up", "packet"), accepted.events(), "100 s open, never 60 s quiet");
        for (int second = 0; second < 20; second++) {
            clock.advance(Duration.ofSeconds(1));
        }
        accepted.awaitDown();
        client.awaitDown();
        assertTrue(accepted.events().get(2).contains("nothing received for 60 s"), accepted.events()::toString);
    }

    private RadsecLinkAcceptor bind(ListenerSettings settings, Link.Listener events) throws IOException {
        RadsecLinkAcceptor acceptor = new RadsecLinkAcceptor(settings, pki.credentials, timer, processors);
        closeAfter.add(acceptor);
        acceptor.bind(events);
        return acceptor;
    }

    /** A listener sharing the suite's dispatcher, whose counters the tests read. */
    private Link.Acceptor listener(ListenerSettings settings) throws IOException {
        Link.Acceptor l = AcceptedLinks.listen(new RadsecLinkAcceptor(settings, pki.credentials, timer, processors),
                settings, dispatcher);
        closeAfter.add(l);
        return l;
    }

    private Link.Acceptor listenerPicky() throws Exception {
        return listener(listenerSettings("picky-listener", "allowed-peer-names", "other.example.org"));
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
