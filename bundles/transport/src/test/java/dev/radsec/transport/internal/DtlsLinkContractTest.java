package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.RadiusDictionary;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link contract over RADIUS/DTLS: {@link DtlsLinkFactory} to our {@link DtlsLinkAcceptor} on loopback, with the
 * PKI's certificates made in-process. Refused: a server certificate that does not name {@code tls-peer-name}. And
 * the listener's own rules: the stateless cookie, garbage beside a working session, the certificate checks.
 */
class DtlsLinkContractTest extends LinkContractTest {
    @TempDir
    static Path dir;
    static InProcessPki pki;
    static ExecutorScheduler timer;
    static RequestDispatcher dispatcher;
    static DtlsLinkAcceptor acceptor;
    static Link.Acceptor listener;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void listen() throws Exception {
        pki = new InProcessPki(dir);
        timer = new ExecutorScheduler(Clock.systemUTC(), "dtls-link-contract");
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "dtls", "protocol", "dtls", "port", "0",
                "tls-certificate", "server", "clients", "127.0.0.1/32 " + SECRET));
        dispatcher = new RequestDispatcher(settings, RadiusDictionary.of(DICTIONARY), timer, name -> ACCEPT_ALL);
        acceptor = new DtlsLinkAcceptor(settings, pki.credentials, timer);
        listener = AcceptedLinks.listen(acceptor, settings, dispatcher);
    }

    @AfterAll
    static void stop() {
        listener.close();
        dispatcher.close();
        timer.close();
        pki.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    private Link openTo(int port, Link.Listener events, String... extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "protocol", "dtls", "address", "127.0.0.1",
                "port", String.valueOf(port), "tls-certificate", "client", "tls-timeout", "3"));
        for (int i = 0; i < extra.length; i += 2) {
            p.put(extra[i], extra[i + 1]);
        }
        DtlsLinkFactory f = new DtlsLinkFactory(DestinationSettings.parse(p), pki.credentials, timer);
        closeAfter.add(f);
        return f.open(events);
    }

    @Override
    Link open(Link.Listener events) throws Exception {
        return openTo(listener.localAddress().getPort(), events);
    }

    @Override
    Link openRefused(Link.Listener events) throws Exception {
        return openTo(listener.localAddress().getPort(), events, "tls-peer-name", "elsewhere.example.org");
    }

    @Override
    Duration settle() {
        return Duration.ofMillis(500);
    }

    @Test
    void aClientGetsACookieFirstAndTheSessionCarriesDtls12() throws Exception {
        long cookies = acceptor.cookiesSent.sum();
        long failures = acceptor.cookieFailures.sum();
        LinkEvents client = new LinkEvents();
        openTo(listener.localAddress().getPort(), client);
        client.awaitUp();
        assertEquals("DTLSv1.2", client.info.tlsVersion);
        assertTrue(acceptor.cookiesSent.sum() > cookies, "a HelloVerifyRequest before any engine");
        assertEquals(failures, acceptor.cookieFailures.sum());
        dev.radsec.transport.ListenerStatistics.Dtls dtls = acceptor.statistics();
        assertTrue(dtls.sessions() >= 1 && dtls.handshakes() >= 1 && dtls.cookies() >= 1, dtls::toString);
    }

    @Test
    void randomDatagramsAreDroppedAndCountedWhileASessionCarriesOn() throws Exception {
        LinkEvents client = new LinkEvents();
        Link link = openTo(listener.localAddress().getPort(), client);
        client.awaitUp();
        long dropped = acceptor.dropped.sum();
        Random random = new Random(5);
        try (DatagramSocket noise = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < 2000; i++) {
                byte[] junk = new byte[1 + random.nextInt(600)];
                random.nextBytes(junk);
                noise.send(new DatagramPacket(junk, junk.length, listener.localAddress()));
            }
        }
        link.send(request(9));
        client.awaitPackets(1);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (acceptor.dropped.sum() + acceptor.cookiesSent.sum() < dropped + 1500 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(acceptor.dropped.sum() - dropped > 1500, "counted: " + (acceptor.dropped.sum() - dropped));
    }

    @Test
    void aSessionTheServerNoLongerAnswersClosesAfterTwiceTlsTimeoutWithoutStatusServer() throws Exception {
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "silent", "protocol", "dtls", "port", "0",
                "tls-certificate", "server"));
        DtlsLinkAcceptor silent = new DtlsLinkAcceptor(settings, pki.credentials, timer);
        closeAfter.add(silent);
        silent.bind(new LinkEvents()); // takes packets, never answers: a server that lost the session
        dev.radsec.common.ManualScheduler clock = new dev.radsec.common.ManualScheduler(java.time.Instant.now());
        Map<String, Object> p = new HashMap<>(Map.of("id", "3", "protocol", "dtls", "address", "127.0.0.1",
                "port", String.valueOf(silent.localAddress().getPort()), "tls-certificate", "client",
                "tls-timeout", "3", "status-server", "0"));
        DtlsLinkFactory f = new DtlsLinkFactory(DestinationSettings.parse(p), pki.credentials, clock);
        LinkEvents client = new LinkEvents();
        Link link = f.open(client);
        client.awaitUp();
        link.send(request(11));
        clock.advance(Duration.ofSeconds(5));
        client.assertAfterSettling(settle(), List.of("up"));
        clock.advance(Duration.ofSeconds(2)); // 6 s after the send
        client.awaitDown();
        assertTrue(client.events().get(1).contains("no answer from the server for 6 s"), client.events()::toString);
    }

    /**
     * 100,000 random datagrams at the DTLS port beside a working session: every one is counted (as dropped, or as a
     * ClientHello answered), the session carries packets throughout, and the heap after a collection does not grow.
     * Sent in batches that wait until the listener has counted the previous one, so that the kernel's socket buffer
     * drops none.
     */
    @Test
    void aHundredThousandRandomDatagramsAreCountedAndHarmNothing() throws Exception {
        LinkEvents client = new LinkEvents();
        Link link = openTo(listener.localAddress().getPort(), client);
        client.awaitUp();
        long heapBefore = heapAfterGc();
        long sessions = acceptor.statistics().sessions();
        long counted = acceptor.dropped.sum() + acceptor.cookiesSent.sum();
        Random random = new Random(7);
        int sent = 0;
        try (DatagramSocket noise = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int batch = 0; batch < 100; batch++) {
                for (int i = 0; i < 1000; i++) {
                    byte[] junk = new byte[1 + random.nextInt(300)];
                    random.nextBytes(junk);
                    if (i % 10 == 0) {
                        junk[0] = 22; // a handshake record type, so the ClientHello parser reads further
                    }
                    noise.send(new DatagramPacket(junk, junk.length, listener.localAddress()));
                    sent++;
                }
                long target = counted + sent;
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (acceptor.dropped.sum() + acceptor.cookiesSent.sum() < target && System.nanoTime() < end) {
                    Thread.sleep(1);
                }
                link.send(request(batch % 256));
            }
        }
        client.awaitPackets(100);
        assertEquals(counted + sent, acceptor.dropped.sum() + acceptor.cookiesSent.sum(), "every datagram counted");
        assertEquals(sessions, acceptor.statistics().sessions(), "no session made from noise");
        long grown = heapAfterGc() - heapBefore;
        assertTrue(grown < 8 << 20, "heap after GC grew by " + grown + " bytes");
    }

    private static long heapAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void beyondMaxSessionsANewClientIsDroppedAndCounted() throws Exception {
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "one", "protocol", "dtls", "port", "0",
                "tls-certificate", "server", "max-sessions", "1"));
        DtlsLinkAcceptor one = new DtlsLinkAcceptor(settings, pki.credentials, timer);
        closeAfter.add(one);
        one.bind(new LinkEvents());
        LinkEvents first = new LinkEvents();
        openTo(one.localAddress().getPort(), first);
        first.awaitUp();
        long dropped = one.dropped.sum();
        LinkEvents second = new LinkEvents();
        openTo(one.localAddress().getPort(), second); // another source port: a second session, over the limit
        second.awaitDown();
        assertTrue(second.events().get(0).contains("DTLS handshake did not complete"), second.events()::toString);
        assertTrue(one.dropped.sum() > dropped, "counted as dropped");
        assertEquals(1, one.statistics().sessions());
    }

    @Test
    void aQuietSessionIsClosedAfterIdleTimeoutOnTheListenersClock() throws Exception {
        dev.radsec.common.ManualScheduler clock = new dev.radsec.common.ManualScheduler(java.time.Instant.now());
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "idle", "protocol", "dtls", "port", "0",
                "tls-certificate", "server", "idle-timeout", "10"));
        DtlsLinkAcceptor idle = new DtlsLinkAcceptor(settings, pki.credentials, clock);
        closeAfter.add(idle);
        LinkEvents accepted = new LinkEvents();
        idle.bind(accepted);
        openTo(idle.localAddress().getPort(), new LinkEvents());
        accepted.awaitUp();
        for (int second = 0; second < 12; second++) {
            clock.advance(Duration.ofSeconds(1));
        }
        accepted.awaitDown();
        assertTrue(accepted.events().get(1).contains("no datagram for 10 s"), accepted.events()::toString);
        assertEquals(0, idle.statistics().sessions());
    }

    @Test
    void aClientTheListenerRefusesCountsAsTlsRefused() throws Exception {
        ListenerSettings settings = ListenerSettings.parse(Map.of("name", "picky", "protocol", "dtls", "port", "0",
                "tls-certificate", "server", "allowed-peer-names", "other.example.org",
                "clients", "127.0.0.1/32 " + SECRET));
        RequestDispatcher picky = new RequestDispatcher(settings, RadiusDictionary.of(DICTIONARY), timer, n -> ACCEPT_ALL);
        closeAfter.add(picky::close);
        Link.Acceptor l = AcceptedLinks.listen(new DtlsLinkAcceptor(settings, pki.credentials, timer), settings, picky);
        closeAfter.add(l);
        LinkEvents client = new LinkEvents();
        openTo(l.localAddress().getPort(), client, "status-server", "0");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (picky.counters.tlsRefused.sum() == 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(1, picky.counters.tlsRefused.sum(), "tls-refused counted");
    }

    @Test
    void tlsMinVersion13IsRefusedForDtls() throws Exception {
        InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                InvalidConfigurationException.class, () -> DestinationSettings.parse(Map.of("id", "2",
                        "protocol", "dtls", "address", "127.0.0.1", "tls-certificate", "client",
                        "tls-min-version", "v1.3")));
        assertEquals("tls-min-version", e.key());
        assertEquals("dtls", ListenerSettings.parse(Map.of("name", "x", "protocol", "dtls", "tls-certificate", "s"))
                .protocol.name().toLowerCase());
    }
}
