package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.DestinationStateListener;
import dev.radsec.transport.DestinationStatistics.State;
import dev.radsec.transport.ListenerStateListener;
import dev.radsec.transport.RadiusDictionary;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Destinations and listeners tell the whiteboard's state listeners of every change, once and in order: over links
 * the test drives on a manual clock, and real loopback sockets for the listeners.
 */
class StateListenersTest {
    private static final Dictionary DICT = Dictionary.standard();

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-11-22T00:00:00Z"));
    private final FakeLinks links = new FakeLinks();
    private final List<String> heard = new ArrayList<>();
    /** Delivers on the calling thread: the order heard is the order reported. */
    private final DestinationStateListeners listeners = new DestinationStateListeners(() -> Runnable::run);

    StateListenersTest() {
        listeners.add((id, previous, current, reason) -> heard.add(id + " " + previous + ">" + current + " " + reason));
    }

    private DestinationClient destination(int id, Map<String, Object> extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", String.valueOf(id), "address", "127.0.0.1",
                "tls-certificate", "client"));
        p.putAll(extra);
        DestinationClient c = new DestinationClient(DestinationSettings.parse(p), RadiusDictionary.of(DICT), timer,
                links, Runnable::run);
        c.stateListener(listeners);
        c.start();
        return c;
    }

    private static RadiusPacket accessRequest() {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "alice").build();
    }

    @Test
    void downOnceWhileReconnectsFailThenUpAgainInOrderWithTheReason() throws Exception {
        destination(1, Map.of());
        links.last().up();
        links.last().close("connection reset by peer");
        for (int attempt = 0; attempt < 5; attempt++) { // each reconnect fails the same way: no new report
            timer.advance(Duration.ofSeconds(61));
            links.last().close("connection refused");
        }
        timer.advance(Duration.ofSeconds(61));
        links.last().up();
        assertEquals(List.of(
                "1 CONNECTING>UP connected to 127.0.0.1:2083",
                "1 UP>DOWN connection reset by peer",
                "1 DOWN>UP connected to 127.0.0.1:2083"), heard);
    }

    @Test
    void aDestinationThatNeverConnectsReportsDownOnce() throws Exception {
        links.failOnOpen = "connection refused";
        destination(2, Map.of());
        timer.advance(Duration.ofSeconds(61));
        timer.advance(Duration.ofSeconds(61));
        assertTrue(links.opened.size() >= 3, "retried");
        assertEquals(List.of("2 CONNECTING>DOWN connection refused"), heard);
    }

    @Test
    void idleThenConnectingAgainWhenARequestComes() throws Exception {
        DestinationClient c = destination(3, Map.of("idle-timeout", "60", "status-server", "0"));
        links.last().up();
        timer.advance(Duration.ofSeconds(60));
        c.submit(accessRequest());
        links.last().up();
        assertEquals(List.of(
                "3 CONNECTING>UP connected to 127.0.0.1:2083",
                "3 UP>IDLE idle for 60 s",
                "3 IDLE>CONNECTING a request is waiting",
                "3 CONNECTING>UP connected to 127.0.0.1:2083"), heard);
    }

    @Test
    void aReconfiguredDestinationThatComesUpAgainIsNoNewsButAFreshOneAfterRemovalIs() throws Exception {
        DestinationClient old = destination(4, Map.of());
        links.last().up();
        DestinationClient replacement = destination(4, Map.of("port", "2084"));
        old.retire(replacement, () -> { });
        links.last().up();
        assertEquals(List.of("4 CONNECTING>UP connected to 127.0.0.1:2083"), heard, "UP stays UP");

        links.last().close("server restarted");
        assertEquals("4 UP>DOWN server restarted", heard.get(1));
        replacement.close("was removed");
        listeners.forget(4);
        destination(4, Map.of());
        links.last().up();
        assertEquals("4 CONNECTING>UP connected to 127.0.0.1:2083", heard.get(2), "a new destination of the same id");
        assertEquals(3, heard.size());
    }

    @Test
    void disablingAnUpDestinationIsReportedAndEnablingItReportsUpAgain() throws Exception {
        DestinationClient enabled = destination(5, Map.of());
        links.last().up();
        DestinationClient disabled = destination(5, Map.of("disabled", "true")); // disabled is a new configuration
        enabled.retire(disabled, () -> { });
        DestinationClient again = destination(5, Map.of());
        disabled.retire(again, () -> { });
        links.last().up();
        assertEquals(List.of(
                "5 CONNECTING>UP connected to 127.0.0.1:2083",
                "5 UP>DISABLED disabled",
                "5 DISABLED>UP connected to 127.0.0.1:2083"), heard);
    }

    @Test
    void reportsQueuedFromManyThreadsArriveInTheOrderQueuedAndOneFailingListenerDoesNotSilenceOthers()
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            DestinationStateListeners shared = new DestinationStateListeners(() -> pool);
            BlockingQueue<Integer> order = new LinkedBlockingQueue<>();
            shared.add((id, previous, current, reason) -> {
                throw new IllegalStateException("a broken listener");
            });
            shared.add((id, previous, current, reason) -> order.add(Integer.parseInt(reason)));
            for (int i = 0; i < 2000; i++) {
                shared.stateChanged(7, State.UP, i % 2 == 0 ? State.DOWN : State.UP, String.valueOf(i));
            }
            for (int i = 0; i < 2000; i++) {
                assertEquals(i, order.poll(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aListenerReportsListeningFailedAndStopped() throws Exception {
        RadiusServerImpl server = new RadiusServerImpl(null, DICT, timer);
        BlockingQueue<String> reports = new LinkedBlockingQueue<>();
        ListenerStateListener recorder = (name, state, detail) -> reports.add(name + " " + state + " " + detail);
        server.addListenerStateListener(recorder);
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.listenerConfigured("l-a", Map.of("name", "a", "protocol", "udp", "address", "127.0.0.1",
                    "port", "0", "clients", "127.0.0.1/32 a-long-enough-secret"));
            int port = server.localAddress("a").orElseThrow().getPort();
            assertEquals("a LISTENING udp 127.0.0.1:" + port, reports.poll(10, TimeUnit.SECONDS));

            assertThrows(IOException.class, () -> server.listenerConfigured("l-b", Map.of("name", "b",
                    "protocol", "udp", "address", "127.0.0.1", "port", String.valueOf(taken.getLocalPort()),
                    "clients", "127.0.0.1/32 a-long-enough-secret")));
            String failed = reports.poll(10, TimeUnit.SECONDS);
            assertNotNull(failed);
            assertTrue(failed.startsWith("b FAILED "), failed);

            server.listenerRemoved("l-a");
            assertEquals("a STOPPED stopped", reports.poll(10, TimeUnit.SECONDS));
            server.removeListenerStateListener(recorder);
            BlockingQueue<String> later = new LinkedBlockingQueue<>();
            server.addListenerStateListener((name, state, detail) -> later.add(name + " " + state));
            server.listenerConfigured("l-a", Map.of("name", "a", "protocol", "udp", "address", "127.0.0.1",
                    "port", "0", "clients", "127.0.0.1/32 a-long-enough-secret"));
            server.listenerRemoved("l-a");
            assertEquals("a LISTENING", later.poll(10, TimeUnit.SECONDS));
            assertEquals("a STOPPED", later.poll(10, TimeUnit.SECONDS));
            assertNull(reports.poll(), "told in the same reports as the later one: a removed listener hears nothing");
        } finally {
            server.close();
        }
    }

    @Test
    void aWhiteboardListenerCanBeRemoved() {
        List<String> other = new ArrayList<>();
        DestinationStateListener l = (id, previous, current, reason) -> other.add(current.name());
        listeners.add(l);
        listeners.stateChanged(9, State.CONNECTING, State.UP, "up");
        listeners.remove(l);
        listeners.stateChanged(9, State.UP, State.DOWN, "down");
        assertEquals(List.of("UP"), other);
        assertEquals(2, heard.size());
    }
}
