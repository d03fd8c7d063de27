package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.EapolTest;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code balance = keyed} with real servers: three FreeRADIUS 3.2.1 (Debian's stock configuration, each with its own
 * ports, its RadSec listener and its stock eap module) behind our relay as destinations 11, 12 and 13 over RadSec.
 * Which server took a request is read from the servers' own logs ({@code -xx}: every packet received, with its
 * attributes), not from our counters, which are checked against them.
 *
 * <ul>
 *   <li>EAP-TLS conversations from {@code eapol_test} all complete, and every round of each one is in one server's
 *       log.</li>
 *   <li>3,000 distinct Calling-Station-Ids from a NAS (our own UDP client) spread 30-36.7 % per server.</li>
 *   <li>Accounting is keyed on Acct-Session-Id: Start, Interim-Update and Stop of a session in one server's detail
 *       file.</li>
 *   <li>One server stopped: its stations move to the other two, whose own stations stay where they were; started
 *       again, every station is back where it was.</li>
 * </ul>
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyedBalanceTest {
    static final String NAS_SECRET = "nas-secret-for-keyed-balance";
    static final String UDP_SECRET = "udp-secret-keyed-balance";
    static final String USERS = "alice\tCleartext-Password := \"alice-pw\"\n";
    static final List<Integer> IDS = List.of(11, 12, 13);
    static final int NAS = 9;
    static final int STATIONS = 3000;
    /** "(12) Received Access-Request Id 7 from 127.0.0.1:4711 to 127.0.0.1:2083 length 91" */
    private static final Pattern RECEIVED = Pattern.compile("\\((\\d+)\\) Received Access-Request Id ");
    /** "(12)   Calling-Station-Id = "02-00-00-00-00-01"" */
    private static final Pattern ATTRIBUTE = Pattern.compile("\\((\\d+)\\)\\s+([A-Za-z0-9-]+) = (.*)$");
    /** The request a log line is about: "(12) ..." */
    private static final Pattern NUMBER = Pattern.compile("\\((\\d+)\\) ");

    @TempDir
    static Path dir;
    static Side side;
    static final Map<Integer, FreeRadiusProcess> servers = new TreeMap<>();
    static RadiusClientImpl client;
    static RadiusServerImpl server;
    static RelayRegistry registry;
    static RelayConfiguration relay;
    static InetSocketAddress relayAuth;

    /** Our PKI, credentials and timer. */
    static final class Side extends OurSide {
        Side(Path dir) throws Exception {
            super(dir, "keyed", "client");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        Peers.assumeInstalled(EapolTest.BINARY, EapolTest.PACKAGE);
        Peers.assumeInstalled(TestPki.OPENSSL, TestPki.OPENSSL_PACKAGE);
        side = new Side(dir);
        for (int id : IDS) {
            servers.put(id, freeRadius(id, 0));
        }
        client = new RadiusClientImpl(side.credentials, Dictionary.standard(), side.timer);
        for (int id : IDS) {
            client.destinationConfigured("dest-" + id, Map.of("id", String.valueOf(id), "address", "127.0.0.1",
                    "port", String.valueOf(servers.get(id).radsecPort()), "tls-certificate", "client"));
        }
        server = new RadiusServerImpl(side.credentials, Dictionary.standard(), side.timer);
        registry = Relays.registry(client);
        relay = Relays.relay(server, client, registry);
        relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.lb", "name", "lb",
                "auth-port", "0", "acct-port", "0", "secret", NAS_SECRET, "destinations", "11, 12, 13",
                "balance", "keyed")));
        relayAuth = server.localAddress("relay-lb-auth").orElseThrow();
        int relayAcct = server.localAddress("relay-lb-acct").orElseThrow().getPort();
        // The NAS: UDP to the relay, retrying as a NAS does.
        client.destinationConfigured("nas", Map.of("id", String.valueOf(NAS), "address", "127.0.0.1",
                "protocol", "udp", "port", String.valueOf(relayAuth.getPort()),
                "accounting-port", String.valueOf(relayAcct), "secret", NAS_SECRET, "timeout", "2", "retries", "4",
                "max-tx-buffers", "1000"));
        for (int id : IDS) {
            awaitState(id, DestinationStatistics.State.UP);
        }
    }

    /** A FreeRADIUS for destination {@code id}: RadSec on {@code radsecPort} (0: any), EAP, packets in its log. */
    static FreeRadiusProcess freeRadius(int id, int radsecPort) throws Exception {
        return FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("freeradius-" + id)))
                .secret(UDP_SECRET)
                .users(USERS)
                .radsec(radsecPort, side.pki.caCertificate(), side.pki.server().certificate(), side.pki.server().key())
                .eap(side.pki.caCertificate(), side.pki.server().certificate(), side.pki.server().key())
                .debug(true)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        List<AutoCloseable> all = new ArrayList<>();
        all.add(Relays.removal(relay));
        all.add(Relays.closing(server));
        all.add(Relays.closing(client));
        if (side != null) {
            all.add(side.timer);
            all.add(side::closePki);
        }
        all.addAll(servers.values());
        Peers.closeAll(all.toArray(new AutoCloseable[0]));
        servers.clear();
    }

    static void awaitState(int id, DestinationStatistics.State state) throws Exception {
        Waits.until(() -> client.statistics(id).map(s -> s.state() == state).orElse(false), Duration.ofSeconds(30),
                () -> "destination " + id + " " + state + ": " + client.statistics(id));
    }

    // ---------------------------------------------------------------- what the servers saw

    /**
     * Each Access-Request in a server's log from {@code offset} on: its attributes as printed. The server's threads
     * interleave their lines; each line names its request, {@code (12)}, and a packet's attributes are the lines of
     * its request right after its "Received" line.
     */
    static List<Map<String, String>> accessRequests(FreeRadiusProcess s, long offset) throws IOException {
        List<Map<String, String>> requests = new ArrayList<>();
        Map<String, Map<String, String>> open = new HashMap<>();
        for (String line : log(s, offset).split("\n")) {
            Matcher received = RECEIVED.matcher(line);
            if (received.find()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                requests.add(attributes);
                open.put(received.group(1), attributes);
                continue;
            }
            Matcher number = NUMBER.matcher(line);
            if (!number.find() || !open.containsKey(number.group(1))) {
                continue;
            }
            Matcher a = ATTRIBUTE.matcher(line);
            if (a.find() && a.group(1).equals(number.group(1))) {
                open.get(number.group(1)).putIfAbsent(a.group(2), unquoted(a.group(3)));
            } else {
                open.remove(number.group(1)); // the packet's attributes end here
            }
        }
        return requests;
    }

    private static String unquoted(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    static String log(FreeRadiusProcess s, long offset) throws IOException {
        byte[] all = Files.readAllBytes(logFile(s));
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.ISO_8859_1);
    }

    static Path logFile(FreeRadiusProcess s) {
        return s.directory().resolve("log/radius.log");
    }

    /** Where each server's log ends now: what comes later is the next phase's. */
    static Map<Integer, Long> logEnds() throws IOException {
        Map<Integer, Long> ends = new TreeMap<>();
        for (Map.Entry<Integer, FreeRadiusProcess> e : servers.entrySet()) {
            ends.put(e.getKey(), Files.size(logFile(e.getValue())));
        }
        return ends;
    }

    /** For each value of {@code attribute} in Access-Requests logged since {@code from}: the servers that saw it. */
    static Map<String, List<Integer>> seenBy(String attribute, Map<Integer, Long> from) throws IOException {
        Map<String, List<Integer>> seen = new TreeMap<>();
        for (Map.Entry<Integer, FreeRadiusProcess> e : servers.entrySet()) {
            for (Map<String, String> r : accessRequests(e.getValue(), from.getOrDefault(e.getKey(), 0L))) {
                String v = r.get(attribute);
                if (v != null) {
                    seen.computeIfAbsent(v, k -> new ArrayList<>()).add(e.getKey());
                }
            }
        }
        return seen;
    }

    // ---------------------------------------------------------------- what the NAS sends

    static String mac(int i) {
        return String.format("02-00-5E-%02X-%02X-%02X", (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF);
    }

    /** One PAP login per station, 200 in flight: every one answered (with retries, as a NAS does). */
    static void stations(int count) throws Exception {
        List<RadiusPacket> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                    .add("User-Name", "alice").add("User-Password", "alice-pw")
                    .add("Calling-Station-Id", mac(i)).add("Called-Station-Id", "00-11-22-33-44-55:campus")
                    .add("NAS-Identifier", "keyed-nas").build());
        }
        assertEquals(count, sendAll(requests, PacketCode.ACCESS_ACCEPT), "every station accepted");
    }

    /** Sends with 200 in flight; the number answered with {@code expected}. */
    static int sendAll(List<RadiusPacket> requests, PacketCode expected) throws Exception {
        Semaphore window = new Semaphore(200);
        AtomicInteger answered = new AtomicInteger();
        List<CompletableFuture<RadiusPacket>> all = new ArrayList<>();
        for (RadiusPacket r : requests) {
            assertTrue(window.tryAcquire(60, TimeUnit.SECONDS), "the stream stalled");
            CompletableFuture<RadiusPacket> f = client.send(NAS, r).toCompletableFuture();
            f.whenComplete((a, t) -> {
                if (t == null && a.code() == expected) {
                    answered.incrementAndGet();
                }
                window.release();
            });
            all.add(f);
        }
        for (CompletableFuture<RadiusPacket> f : all) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException ignored) {
                // counted above
            }
        }
        return answered.get();
    }

    /** The one server each station's requests reached. */
    static Map<String, Integer> placement(Map<String, List<Integer>> seen) {
        Map<String, Integer> placed = new TreeMap<>();
        seen.forEach((station, by) -> {
            assertEquals(1, by.stream().distinct().count(), station + " reached " + by);
            placed.put(station, by.get(0));
        });
        return placed;
    }

    static Map<Integer, Integer> histogram(Map<String, Integer> placed) {
        Map<Integer, Integer> h = new TreeMap<>();
        placed.values().forEach(id -> h.merge(id, 1, Integer::sum));
        return h;
    }

    // ---------------------------------------------------------------- the tests

    @Test
    @Order(1)
    void everyRoundOfEachEapTlsConversationReachesOneServer() throws Exception {
        Map<Integer, Long> from = logEnds();
        int conversations = 9;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<EapolTest.Result>> results = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                String identity = "station-" + c;
                Path work = Files.createTempDirectory(dir, "eapol-" + c);
                results.add(pool.submit(() -> EapolTest.run(work, EapolTest.tls(identity, side.pki.caCertificate(),
                        side.pki.client().certificate(), side.pki.client().key()), relayAuth, NAS_SECRET)));
            }
            for (Future<EapolTest.Result> f : results) {
                EapolTest.Result r = f.get();
                assertTrue(r.eapSuccess() && r.mppeKeysOk() && r.exitCode() == 0, r.toString());
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, List<Integer>> seen = seenBy("User-Name", from);
        Map<Integer, Integer> conversationsPer = new TreeMap<>();
        for (int c = 0; c < conversations; c++) {
            List<Integer> by = seen.get("station-" + c);
            assertTrue(by != null && by.size() >= 4, "EAP-TLS takes several rounds: " + by);
            assertEquals(1, by.stream().distinct().count(), "conversation " + c + ", rounds on " + by);
            conversationsPer.merge(by.get(0), 1, Integer::sum);
        }
        assertTrue(conversationsPer.size() >= 2, "conversations spread: " + conversationsPer);
        System.out.println("keyed EAP-TLS: " + conversations + " conversations, rounds per conversation "
                + seen.values().stream().mapToInt(List::size).summaryStatistics() + ", conversations per server "
                + conversationsPer);
    }

    @Test
    @Order(2)
    void threeThousandStationsSpreadEvenlyAndTheSharesSaySo() throws Exception {
        Map<Integer, Long> from = logEnds();
        Map<Integer, Long> sharesBefore = registry.relay("lb").orElseThrow().shares();
        Map<Integer, Long> requestsBefore = requestsPerDestination();
        long t0 = System.nanoTime();
        stations(STATIONS);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Integer> placed = placement(seenBy("Calling-Station-Id", from));
        assertEquals(STATIONS, placed.size(), "every station in some server's log");
        Map<Integer, Integer> h = histogram(placed);
        for (int id : IDS) {
            double share = h.getOrDefault(id, 0) / (double) STATIONS;
            assertTrue(share >= 0.30 && share <= 0.367, "destination " + id + " took " + h);
        }
        Map<Integer, Long> shares = registry.relay("lb").orElseThrow().shares();
        Map<Integer, Long> requests = requestsPerDestination();
        for (int id : IDS) {
            assertEquals(h.get(id).longValue(), shares.get(id) - sharesBefore.get(id), "the relay's share of " + id);
            assertEquals(h.get(id).longValue(), requests.get(id) - requestsBefore.get(id), "requests to " + id);
        }
        System.out.println("keyed: " + STATIONS + " stations in " + millis + " ms, per server " + h);
    }

    private static Map<Integer, Long> requestsPerDestination() {
        Map<Integer, Long> r = new TreeMap<>();
        for (int id : IDS) {
            r.put(id, client.statistics(id).orElseThrow().requests());
        }
        return r;
    }

    @Test
    @Order(3)
    void accountingOfASessionReachesOneServer() throws Exception {
        List<RadiusPacket> records = new ArrayList<>();
        int sessions = 60;
        for (String type : new String[] {"Start", "Interim-Update", "Stop"}) {
            for (int s = 0; s < sessions; s++) {
                // the station roams between access points: the session is what holds its records together
                records.add(RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, Dictionary.standard())
                        .add("User-Name", "alice").add("Acct-Status-Type", type)
                        .add("Acct-Session-Id", "keyed-session-" + s)
                        .add("Calling-Station-Id", mac(s)).add("Called-Station-Id", "AP-" + type.length() + ":campus")
                        .add("NAS-Identifier", "keyed-nas").build());
            }
        }
        assertEquals(records.size(), sendAll(records, PacketCode.ACCOUNTING_RESPONSE));
        Map<String, List<Integer>> seen = new TreeMap<>();
        Pattern session = Pattern.compile("Acct-Session-Id = \"(keyed-session-\\d+)\"");
        for (Map.Entry<Integer, FreeRadiusProcess> e : servers.entrySet()) {
            Matcher m = session.matcher(details(e.getValue()));
            while (m.find()) {
                seen.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        assertEquals(sessions, seen.size(), seen.toString());
        Map<Integer, Integer> sessionsPer = new TreeMap<>();
        seen.forEach((s, by) -> {
            assertTrue(by.size() >= 3, s + ": Start, Interim-Update and Stop: " + by);
            assertEquals(1, by.stream().distinct().count(), s + " reached " + by);
            sessionsPer.merge(by.get(0), 1, Integer::sum);
        });
        assertEquals(3, sessionsPer.size(), "sessions spread: " + sessionsPer);
    }

    private static String details(FreeRadiusProcess s) throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.walk(s.directory())) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("detail-")).toList()) {
                b.append(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    @Test
    @Order(4)
    void aStoppedServersStationsMoveAndOnlyTheyAndTheyComeBack() throws Exception {
        Map<Integer, Long> from = logEnds();
        stations(STATIONS);
        Map<String, Integer> before = placement(seenBy("Calling-Station-Id", from));

        int stopped = 12;
        int radsecPort = servers.get(stopped).radsecPort();
        servers.remove(stopped).close();
        awaitState(stopped, DestinationStatistics.State.DOWN);
        from = logEnds();
        stations(STATIONS);
        Map<String, Integer> during = placement(seenBy("Calling-Station-Id", from));
        assertEquals(STATIONS, during.size());
        Map<Integer, Integer> movedTo = new TreeMap<>();
        for (Map.Entry<String, Integer> e : before.entrySet()) {
            int now = during.get(e.getKey());
            if (e.getValue() == stopped) {
                assertNotEquals(stopped, now);
                movedTo.merge(now, 1, Integer::sum);
            } else {
                assertEquals(e.getValue(), now, e.getKey() + " stays where it was");
            }
        }
        assertEquals(2, movedTo.size(), "the stopped server's stations spread over the two others: " + movedTo);

        servers.put(stopped, freeRadius(stopped, radsecPort));
        awaitState(stopped, DestinationStatistics.State.UP);
        // the relay hears of it from the transport's event: wait until a station of the stopped server goes there
        String probe = before.entrySet().stream().filter(e -> e.getValue() == stopped).findFirst().orElseThrow()
                .getKey();
        long shareBefore = registry.relay("lb").orElseThrow().shares().get(stopped);
        Waits.until(() -> {
            try {
                sendAll(List.of(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                        .add("User-Name", "alice").add("User-Password", "alice-pw").add("Calling-Station-Id", probe)
                        .add("Called-Station-Id", "00-11-22-33-44-55:campus").add("NAS-Identifier", "keyed-nas")
                        .build()), PacketCode.ACCESS_ACCEPT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return registry.relay("lb").orElseThrow().shares().get(stopped) > shareBefore;
        }, Duration.ofSeconds(10), () -> "the relay sends to " + stopped + " again");
        from = logEnds();
        stations(STATIONS);
        Map<String, Integer> after = placement(seenBy("Calling-Station-Id", from));
        assertEquals(before, after, "started again: every station where it was before");
        System.out.println("keyed: server " + stopped + " stopped, its " + histogram(before).get(stopped)
                + " stations moved to " + movedTo + ", the other " + (STATIONS - histogram(before).get(stopped))
                + " stayed; all back after it started again");
    }
}
