package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RequestTimeoutException;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code balance = keyed} over plain UDP destinations without Status-Server, where nothing but timeouts tells that a
 * server is gone: three FreeRADIUS 3.2.1 (stock configuration; each answers with its own Reply-Message, from its
 * users file), one of them stopped. After {@code retries} timeouts in a row its destination is DOWN, its stations move
 * to the two others (the NAS's retransmissions get through there) and theirs stay; started again on the same ports, it
 * takes its stations back.
 */
@Timeout(90)
class KeyedBalanceUdpTest {
    static final String NAS_SECRET = "nas-secret-keyed-udp";
    static final String UDP_SECRET = "udp-secret-keyed-udp";
    static final List<Integer> IDS = List.of(21, 22, 23);
    static final int NAS = 9;
    static final int STATIONS = 300;

    @TempDir
    Path dir;
    final Map<Integer, FreeRadiusProcess> servers = new TreeMap<>();
    RadiusClientImpl client;

    FreeRadiusProcess freeRadius(int id, int authPort, int acctPort) throws Exception {
        return FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("freeradius-" + id)))
                .secret(UDP_SECRET)
                .users("alice\tCleartext-Password := \"alice-pw\"\n\tReply-Message = \"server " + id + "\"\n")
                .authPort(authPort).acctPort(acctPort)
                .debug(false)
                .start();
    }

    @Test
    void aSilentUdpServerGoesDownAfterItsRetriesAndOnlyItsStationsMove() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        KeyedBalanceTest.Side side = new KeyedBalanceTest.Side(dir);
        RadiusServerImpl server = null;
        RelayConfiguration relay = null;
        try {
            for (int id : IDS) {
                servers.put(id, freeRadius(id, 0, 0));
            }
            client = new RadiusClientImpl(side.credentials, Dictionary.standard(), side.timer);
            for (int id : IDS) {
                FreeRadiusProcess s = servers.get(id);
                client.destinationConfigured("dest-" + id, Map.of("id", String.valueOf(id), "address", "127.0.0.1",
                        "protocol", "udp", "port", String.valueOf(s.authPort()),
                        "accounting-port", String.valueOf(s.acctPort()), "secret", UDP_SECRET,
                        "status-server", "0", "timeout", "300ms", "retries", "1"));
            }
            server = new RadiusServerImpl(side.credentials, Dictionary.standard(), side.timer);
            relay = Relays.relay(server, client);
            relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.udp", "name", "udp",
                    "auth-port", "0", "acct-port", "0", "secret", NAS_SECRET, "destinations", "21, 22, 23",
                    "balance", "keyed")));
            int relayPort = server.localAddress("relay-udp-auth").orElseThrow().getPort();
            // The NAS gives the relay longer than one destination's 300 ms + 600 ms, and retries
            client.destinationConfigured("nas", Map.of("id", String.valueOf(NAS), "address", "127.0.0.1",
                    "protocol", "udp", "port", String.valueOf(relayPort), "accounting-port", String.valueOf(relayPort),
                    "secret", NAS_SECRET, "timeout", "1", "retries", "2", "max-tx-buffers", "1000"));
            for (int id : IDS) {
                awaitState(id, DestinationStatistics.State.UP);
            }

            Map<Integer, String> before = stations();
            assertEquals(STATIONS, before.size(), "every station answered");
            Map<String, Integer> perServer = histogram(before);
            assertEquals(3, perServer.size(), perServer.toString());

            FreeRadiusProcess stopped = servers.remove(22);
            stopped.close();
            Map<Integer, String> during = stations();
            DestinationStatistics s22 = client.statistics(22).orElseThrow();
            // Each time the reconnect backoff tries 22 again, the first request for it times out before it is DOWN
            // again: that request is lost (a timeout is never failed over), and the NAS's retries may meet the
            // next try. Every other request of its stations went to the next destination on the ring.
            int lost = STATIONS - during.size();
            assertTrue(lost <= s22.timeouts(), lost + " stations unanswered, " + s22);
            Map<String, Integer> movedTo = new TreeMap<>();
            for (Map.Entry<Integer, String> e : during.entrySet()) {
                String was = before.get(e.getKey());
                String now = e.getValue();
                if (was.equals("server 22")) {
                    assertNotEquals("server 22", now);
                    movedTo.merge(now, 1, Integer::sum);
                } else {
                    assertEquals(was, now, "station " + e.getKey() + " stays where it was");
                }
            }
            assertEquals(2, movedTo.size(), "its stations spread over the two others: " + movedTo);
            assertTrue(s22.timeouts() >= 1, s22.toString());

            servers.put(22, freeRadius(22, stopped.authPort(), stopped.acctPort()));
            awaitState(22, DestinationStatistics.State.UP);
            Waits.until(() -> stationsQuietly().equals(before), Duration.ofSeconds(30),
                    () -> "the stations of 22 back on it: " + client.statistics(22));
            System.out.println("keyed over UDP: " + perServer + "; server 22 stopped: its stations moved to "
                    + movedTo + ", the others stayed; " + s22.timeouts() + " request(s) timed out on 22, " + lost
                    + " station(s) unanswered; all back once it answered again");
        } finally {
            List<AutoCloseable> all = new ArrayList<>();
            all.add(Relays.removal(relay));
            all.add(Relays.closing(server));
            all.add(Relays.closing(client));
            all.add(side.timer);
            all.add(side::closePki);
            all.addAll(servers.values());
            Peers.closeAll(all.toArray(new AutoCloseable[0]));
        }
    }

    void awaitState(int id, DestinationStatistics.State state) throws Exception {
        Waits.until(() -> client.statistics(id).map(s -> s.state() == state).orElse(false), Duration.ofSeconds(30),
                () -> "destination " + id + " " + state + ": " + client.statistics(id));
    }

    private Map<Integer, String> stationsQuietly() {
        try {
            return stations();
        } catch (Exception | AssertionError e) {
            return Map.of();
        }
    }

    /**
     * One PAP login per station, 50 in flight: which server answered each (its Reply-Message); a station the NAS got
     * no answer for, after its retries, is left out.
     */
    Map<Integer, String> stations() throws Exception {
        Semaphore window = new Semaphore(50);
        Map<Integer, CompletableFuture<RadiusPacket>> answers = new TreeMap<>();
        for (int i = 0; i < STATIONS; i++) {
            assertTrue(window.tryAcquire(30, TimeUnit.SECONDS), "the stream stalled");
            CompletableFuture<RadiusPacket> f = client.send(NAS, RadiusPacket.builder(PacketCode.ACCESS_REQUEST,
                    Dictionary.standard()).add("User-Name", "alice").add("User-Password", "alice-pw")
                    .add("Calling-Station-Id", KeyedBalanceTest.mac(i))
                    .add("Called-Station-Id", "00-11-22-33-44-55:udp").build()).toCompletableFuture();
            f.whenComplete((a, t) -> window.release());
            answers.put(i, f);
        }
        Map<Integer, String> by = new TreeMap<>();
        for (Map.Entry<Integer, CompletableFuture<RadiusPacket>> e : answers.entrySet()) {
            try {
                RadiusPacket a = e.getValue().get(30, TimeUnit.SECONDS);
                assertEquals(PacketCode.ACCESS_ACCEPT, a.code());
                by.put(e.getKey(), a.first("Reply-Message").map(Attribute::asString).orElseThrow());
            } catch (ExecutionException x) {
                assertTrue(x.getCause() instanceof RequestTimeoutException, x.toString());
            }
        }
        return by;
    }

    static Map<String, Integer> histogram(Map<Integer, String> by) {
        Map<String, Integer> h = new TreeMap<>();
        by.values().forEach(s -> h.merge(s, 1, Integer::sum));
        return h;
    }
}
