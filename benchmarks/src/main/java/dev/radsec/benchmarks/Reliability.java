package dev.radsec.benchmarks;

import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.codec.interop.TestPki;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reliability against the shipped distribution (issue 19), with radsecproxy 1.9.2 through the same tests where they
 * apply, in the same run, both relaying over RadSec to FreeRADIUS 3.2.1 (loopback only):
 * <ol>
 * <li>bad datagrams (default 10,000,000, random and bit-flipped) at the NAS port beside legitimate load: each one
 * counted by the relay or by the kernel's receive-buffer drops;</li>
 * <li>2,000 garbage connections at a RadSec listener, then 100 real requests to it;</li>
 * <li>100 configuration changes under load over JMX, half of them to a key that reconnects (ours only: radsecproxy
 * reads its configuration once);</li>
 * <li>stopping under load: {@code bin/stop} (ours) and SIGTERM (radsecproxy); what was in flight, how long it took,
 * and (ours) every {@code etc/} file whole and the relay working after a new start.</li>
 * </ol>
 * The server restart and failover are {@link Outage}; the 30-minute soak is {@code RelayLoad} with
 * {@code -Drelayload.soak=30}. Prints one table with a column per relay.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.radsec.benchmarks.Reliability [datagrams]</pre>
 */
public final class Reliability {
    private static final String NAS_SECRET = "reliability-nas-1";
    private static final String OURS = DistributionRelay.OURS;
    private static final String THEIRS = "radsecproxy 1.9.2";
    private static final int RATE = 2000;

    private final Path dir;
    private final TestPki pki;
    /** Per test, the cell of each relay. */
    private final Map<String, Map<String, String>> table = new LinkedHashMap<>();

    private Reliability(Path dir) throws IOException {
        this.dir = dir;
        this.pki = TestPki.create(dir.resolve("pki"));
    }

    public static void main(String[] args) throws Exception {
        long datagrams = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        LoopbackRun.runAndExit(() -> new Reliability(Files.createTempDirectory("reliability")).run(datagrams));
    }

    private void run(long datagrams) throws Exception {
        int proxyUdp = FreeRadiusProcess.freeUdpPort();
        try (FreeRadiusProcess fr = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("fr")))
                .secret("reliability-udp-1").users("alice Cleartext-Password := \"alice-pw\"\n")
                .radsec(0, pki.caCertificate(), pki.server().certificate(), pki.server().key()).debug(false).start();
             DistributionRelay ours = DistributionRelay.start(OURS, DistributionRelay.tarball(), dir.resolve("karaf"),
                     pki, fr.radsecPort(), NAS_SECRET);
             RadsecproxyProcess proxy = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("rp")))
                     .tls(pki.caCertificate(), pki.server().certificate(), pki.server().key())
                     .server("tls", fr.radsecAddress(), "radsec").logLevel(1)
                     .config("ListenUDP 127.0.0.1:" + proxyUdp + "\nclient nas {\n    host 127.0.0.1\n    type udp\n"
                             + "    secret " + NAS_SECRET + "\n}").start()) {
            System.out.println("ours: " + ours + "; radsecproxy (pid " + proxy.pid() + ") NAS port " + proxyUdp
                    + ", RadSec listener " + proxy.port());
            RelayProbe.awaitAccept(proxyUdp, NAS_SECRET, Duration.ofSeconds(60), proxy::isAlive);

            String only = System.getProperty("reliability.only", "flood,garbage,churn,stop");
            String flood = String.format(Locale.ROOT, "%,d bad datagrams beside %,d requests/s", datagrams, RATE / 2);
            if (only.contains("flood")) {
                cell(flood, OURS, flood(ours.port(), datagrams, () -> listenerDrops(ours, "relay-default-auth")));
                cell(flood, THEIRS, flood(proxyUdp, datagrams, null));
            }

            String garbage = "2,000 garbage TLS connections, then 100 requests";
            if (only.contains("garbage")) {
                cell(garbage, OURS, garbage(ours.serverPort(), () -> ((Number) ours.attribute("type=Listener,name=server",
                        "TlsRefused")).longValue()));
                cell(garbage, THEIRS, garbage(proxy.port(), null));
            }

            String churn = String.format(Locale.ROOT, "100 configuration changes under %,d requests/s, half reconnecting", RATE);
            if (only.contains("churn")) {
                cell(churn, OURS, churn(ours, fr.radsecPort()));
                cell(churn, THEIRS, "n/a: reads its configuration once (SIGHUP reopens logs and certificates only)");
            }

            String stop = String.format(Locale.ROOT, "stop under %,d requests/s", RATE);
            if (only.contains("stop")) {
                cell(stop, THEIRS, stop(proxyUdp, () -> {
                    ProcessHandle.of(proxy.pid()).ifPresent(ProcessHandle::destroy); // SIGTERM
                    ProcessHandle.of(proxy.pid()).ifPresent(p -> p.onExit().join());
                }, null));
                cell(stop, OURS, stop(ours.port(), () -> ours.karaf().stop(Duration.ofSeconds(60)), ours));
            }
        }
        System.out.println("\n| test | " + OURS + " | " + THEIRS + " |\n|---|---|---|");
        table.forEach((test, cells) -> System.out.println("| " + test + " | " + cells.getOrDefault(OURS, "") + " | "
                + cells.getOrDefault(THEIRS, "") + " |"));
    }

    private void cell(String test, String relay, String text) {
        table.computeIfAbsent(test, t -> new LinkedHashMap<>()).put(relay, text);
        System.out.println(relay + " | " + test + ": " + text);
    }

    /** A counter read from a relay (null: the relay has none). */
    private interface Counter {
        long read() throws Exception;
    }

    /** Something done to a relay under load. */
    private interface Action {
        void run() throws Exception;
    }

    /** What the relay's listener counted and dropped: malformed, bad authenticator, unknown client, duplicate, dropped. */
    private static long listenerDrops(DistributionRelay relay, String listener) throws Exception {
        long sum = 0;
        for (String counter : List.of("Malformed", "BadAuthenticators", "UnknownClients", "Duplicates", "Dropped")) {
            sum += ((Number) relay.attribute("type=Listener,name=" + listener, counter)).longValue();
        }
        return sum;
    }

    private String flood(int port, long datagrams, Counter counted) throws Exception {
        long before = counted == null ? 0 : counted.read();
        long kernelBefore = DatagramFlood.receiveBufferErrors();
        int seconds = (int) Math.max(30, datagrams / 100_000);
        LoadRun legit = new LoadRun(port, NAS_SECRET, (RATE / 2) + "/s", seconds, dir.resolve("bins-flood-" + port));
        legit.sleepUntil(TimeUnit.SECONDS.toNanos(2));
        long started = System.nanoTime();
        long sent = DatagramFlood.send(port, NAS_SECRET, datagrams);
        double floodSeconds = (System.nanoTime() - started) / 1e9;
        LoadRun.Result r = legit.finish();
        long kernel = DatagramFlood.receiveBufferErrors() - kernelBefore;
        String legitText = String.format(Locale.ROOT, "legitimate: %,d sent, %,d lost", r.sent(), r.lost());
        if (counted == null) {
            return String.format(Locale.ROOT, "%,d sent in %.0f s; not counted (no counters); kernel receive-buffer drops"
                    + " %,d (all sockets); %s", sent, floodSeconds, kernel, legitText);
        }
        long c = counted.read() - before;
        return String.format(Locale.ROOT, "%,d sent in %.0f s; %,d counted and dropped by the relay, %,d not seen by it"
                + " (kernel receive-buffer drops, all sockets: %,d); %s", sent, floodSeconds, c, sent - c, kernel, legitText);
    }

    private String garbage(int port, Counter refused) throws Exception {
        long before = refused == null ? 0 : refused.read();
        int made = GarbageTls.send(port, 2000);
        int answered = RadsecProbe.answered(dir.resolve("probe-" + port), pki, port, 100);
        String after = String.format(Locale.ROOT, "then %d of 100 requests answered", answered);
        if (refused == null) {
            return String.format(Locale.ROOT, "%,d made, not counted; %s", made, after);
        }
        return String.format(Locale.ROOT, "%,d made, %,d counted as refused handshakes; %s", made, refused.read() - before, after);
    }

    /**
     * 100 changes over JMX, every {@code reliability.churn-interval} ms (default 1000, an operator's or a
     * configuration manager's pace): Timeout (applied on the link) and TlsTimeout (a new link) in turn. Also the most
     * TCP connections to the server seen open at once ({@code ss}), as stock FreeRADIUS takes 16 per client.
     */
    private String churn(DistributionRelay ours, int serverPort) throws Exception {
        int interval = Integer.getInteger("reliability.churn-interval", 1000);
        Path log = ours.karaf().home().resolve("data/log/karaf.log");
        long updatedBefore = count(log, "Destination 1 updated");
        long reconfiguredBefore = count(log, "Destination 1 reconfigured");
        LoadRun load = new LoadRun(ours.port(), NAS_SECRET, RATE + "/s", 10 + 100 * interval / 1000, dir.resolve("bins-churn"));
        load.sleepUntil(TimeUnit.SECONDS.toNanos(3));
        int mostConnections = 0;
        for (int i = 0; i < 100; i++) {
            int value = 5 + (i / 2) % 2; // 5, 5, 6, 6, 5, ..: each write changes its key
            ours.setAttribute("type=Destination,id=1", i % 2 == 0 ? "Timeout" : "TlsTimeout", value);
            long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(interval);
            while (System.nanoTime() < next) {
                mostConnections = Math.max(mostConnections, connectionsTo(serverPort));
                Thread.sleep(Math.min(50, interval));
            }
        }
        LoadRun.Result r = load.finish();
        Thread.sleep(1000); // the log's last lines
        return String.format(Locale.ROOT, "one every %.1f s: %,d sent, %,d answered, %,d lost; the log shows %d applied on"
                + " the link and %d reconnects (old link drained); at most %d connections to the server at once",
                interval / 1000.0, r.sent(), r.answered(), r.lost(), count(log, "Destination 1 updated") - updatedBefore,
                count(log, "Destination 1 reconfigured") - reconfiguredBefore, mostConnections);
    }

    /** Established TCP connections to 127.0.0.1:{@code port}, from {@code ss}. */
    private static int connectionsTo(int port) throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-Htn", "state", "established", "dst", "127.0.0.1:" + port)
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ss.waitFor();
        return (int) out.lines().filter(l -> !l.isBlank()).count();
    }

    /** Stops the relay 5 s into a run; for ours, then checks its files and starts it again. */
    private String stop(int port, Action stop, DistributionRelay ours) throws Exception {
        LoadRun load = new LoadRun(port, NAS_SECRET, RATE + "/s", 12, dir.resolve("bins-stop-" + port));
        load.sleepUntil(TimeUnit.SECONDS.toNanos(5));
        long stopping = System.nanoTime();
        stop.run();
        long stopped = System.nanoTime();
        LoadRun.Result r = load.finish();
        int stopBin = load.bin(stopping);
        long lostBefore = r.lostBefore(stopBin);
        String text = String.format(Locale.ROOT, "took %.1f s; of the %,d requests sent before it, %,d unanswered (counted)",
                (stopped - stopping) / 1e9, r.sentBefore(stopBin), lostBefore);
        if (ours != null) {
            int whole = cfgFilesThatLoad(ours.karaf().home().resolve("etc"));
            ours.karaf().start();
            RelayProbe.awaitAccept(port, NAS_SECRET, Duration.ofSeconds(120), ours.karaf()::isAlive);
            text += String.format(Locale.ROOT, "; all %d etc/*.cfg files whole; relaying again after bin/karaf", whole);
        }
        return text;
    }

    /** How many {@code *.cfg} files in {@code etc} there are; each must load as properties, or this throws. */
    private static int cfgFilesThatLoad(Path etc) throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.list(etc)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".cfg")).toList()) {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
                    new Properties().load(in);
                }
                n++;
            }
        }
        return n;
    }

    private static long count(Path log, String text) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }
}
