package dev.radsec.benchmarks;

import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.codec.interop.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Relay throughput and latency against radsecproxy, side by side in one run: a load generator in its own JVM
 * ({@link LoadGenerator}: no retransmissions, a fixed number of requests in flight) sends PAP Access-Requests as a
 * NAS to (a) our relay and (b) radsecproxy 1.9.2, both relaying over RadSec to the same FreeRADIUS 3.2.1. Loopback
 * only.
 *
 * Our relay is, by default, the shipped distribution ({@link DistributionRelay}: the assembly's tar.gz, configured
 * through {@code etc/}, {@code bin/karaf server}); {@code -Drelayload.mode=jvm} builds it inside this JVM instead
 * ({@link EmbeddedRelay}), for profiling. {@code -Drelayload.baseline=<tar.gz>} adds a third relay, {@value
 * DistributionRelay#BEFORE}: an older distribution, configured and measured the same way, for before and after.
 *
 * The CPU columns are whole processes (Karaf's JVM or this one, radsecproxy, FreeRADIUS) per answered request,
 * over the measured part: on a small machine they, not the relay alone, bound the throughput. The allocation
 * column is our relay's JVM, all live threads ({@link ThreadAllocation}).
 *
 * {@code -Drelayload.rate=3000} makes every round open loop instead: the generator sends 3000 requests per second,
 * paced evenly, whatever the answers do, and the in-flight arguments are ignored. {@code -Drelayload.idle=60}
 * measures, after the rounds, the CPU of each relay and FreeRADIUS over 60 s without any load: the fixed cost.
 *
 * {@code -Drelayload.transport=dtls}: both relays speak RADIUS/DTLS upstream, to one radsecproxy 1.9.2 DTLS server
 * that proxies to FreeRADIUS over UDP (FreeRADIUS has no DTLS), instead of RadSec to FreeRADIUS.
 *
 * {@code -Drelayload.soak=30} runs the first selected relay (use {@code -Drelayload.only=radsec-karaf}) for 30
 * minutes at the first load instead of the rounds, printing heap after GC and thread count per minute ({@link Soak}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.radsec.benchmarks.RelayLoad [seconds] [in-flight...]</pre>
 */
public final class RelayLoad {
    private static final String NAS_SECRET = "load-nas-secret-1";
    /** Load before each measurement: a JVM relay runs for weeks, so its JIT warm-up is not what is measured. */
    private static final int WARM_UP_SECONDS = 10;

    private RelayLoad() {
    }

    public static void main(String[] args) throws Exception {
        LoopbackRun.runAndExit(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rate = Integer.getInteger("relayload.rate", 0);
        int idleSeconds = Integer.getInteger("relayload.idle", 0);
        // the generator's load argument: "200" in flight (closed loop), or "3000/s" (open loop, in-flight ignored)
        List<String> loads = rate > 0 ? List.of(rate + "/s")
                : args.length > 1 ? Arrays.stream(args).skip(1).map(a -> String.valueOf(Integer.parseInt(a))).toList()
                : List.of("200", "400");
        String mode = System.getProperty("relayload.mode", "distribution");
        if (!mode.equals("distribution") && !mode.equals("jvm")) {
            throw new IllegalArgumentException("relayload.mode is distribution (the default) or jvm, not " + mode);
        }
        Path tarball = mode.equals("jvm") ? null : DistributionRelay.tarball(); // fails early when not built
        String only = System.getProperty("relayload.only", "");
        Path baseline = RelayUnderTest.selected(DistributionRelay.BEFORE, only) ? DistributionRelay.baseline() : null;
        Path dir = Files.createTempDirectory("relay-load");
        boolean dtls = transport().equals("dtls");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        int proxyPort = FreeRadiusProcess.freeUdpPort();
        try (FreeRadiusProcess fr = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("fr")))
                .secret("fr-udp-secret-1").users("alice Cleartext-Password := \"alice-pw\"\n\tReply-Message = \"hi\"\n")
                .radsec(0, pki.caCertificate(), pki.server().certificate(), pki.server().key()).debug(false).start();
             // dtls: both relays go to one radsecproxy over DTLS, which proxies to FreeRADIUS over UDP (FreeRADIUS
             // 3.2 has no DTLS)
             RadsecproxyProcess dtlsServer = !dtls ? null : RadsecproxyProcess.builder(Files.createDirectories(
                     dir.resolve("rp-dtls-server"))).tls(pki.caCertificate(), pki.server().certificate(),
                     pki.server().key()).dtls().upstream(fr).logLevel(1).start();
             RelayUnderTest ours = mode.equals("jvm") ? new EmbeddedRelay(dir, pki, upstreamPort(fr, dtlsServer), NAS_SECRET)
                     : DistributionRelay.start(DistributionRelay.OURS, tarball, dir.resolve("karaf"), pki,
                             upstreamPort(fr, dtlsServer), NAS_SECRET);
             RelayUnderTest before = baseline == null ? null // a null resource is skipped
                     : DistributionRelay.start(DistributionRelay.BEFORE, baseline, dir.resolve("karaf-before"), pki,
                             upstreamPort(fr, dtlsServer), NAS_SECRET);
             RadsecproxyProcess proxy = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("rp")))
                    .tls(pki.caCertificate(), pki.server().certificate(), pki.server().key())
                    .server(dtls ? "dtls" : "tls", dtls ? dtlsServer.address() : fr.radsecAddress(),
                            dtls ? "radius/dtls" : "radsec").logLevel(1)
                    .config("ListenUDP 127.0.0.1:" + proxyPort + "\nclient nas {\n    host 127.0.0.1\n    type udp\n    secret "
                            + NAS_SECRET + "\n}")
                    .start()) {
            RelayUnderTest theirs = RelayUnderTest.external("radsecproxy 1.9.2", proxyPort, proxy::pid, proxy::isAlive);
            List<RelayUnderTest> all = Stream.of(ours, theirs, before).filter(Objects::nonNull).toList();
            System.out.println("relays: " + all.stream().map(Object::toString).collect(Collectors.joining("; ")));
            List<RelayUnderTest> relays = all.stream().filter(r -> RelayUnderTest.selected(r.name(), only)).toList();
            if (relays.isEmpty()) {
                throw new IllegalArgumentException("-Drelayload.only=" + only + " selects none of the relays");
            }
            int soakMinutes = Integer.getInteger("relayload.soak", 0);
            if (soakMinutes > 0) {
                // every selected relay at once, each with its own generator: the same half hour for all
                java.util.concurrent.ExecutorService parallel = java.util.concurrent.Executors.newFixedThreadPool(relays.size());
                List<java.util.concurrent.CompletableFuture<Boolean>> soaks = relays.stream()
                        .map(r -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                            try {
                                return Soak.run(r, fr, soakMinutes, loads.get(0), NAS_SECRET);
                            } catch (Exception e) {
                                throw new IllegalStateException(r.name() + ": " + e, e);
                            }
                        }, parallel)).toList();
                boolean flat = true;
                for (java.util.concurrent.CompletableFuture<Boolean> soak : soaks) {
                    flat &= soak.get();
                }
                parallel.shutdown();
                if (!flat) {
                    throw new IllegalStateException("soak: memory or threads grew (table above)");
                }
                return; // the soak is its own run
            }
            int rounds = Integer.getInteger("relayload.rounds", 3);
            RoundTable table = new RoundTable();
            table.printHeader();
            for (String load : loads) {
                // rounds interleave the relays, so drift on the machine touches them alike
                for (int round = 1; round <= rounds; round++) {
                    for (RelayUnderTest relay : relays) {
                        round(relay, fr, seconds, load, round, table);
                    }
                }
            }
            table.printMedians(loads, relays.stream().map(RelayUnderTest::name).toList());
            if (idleSeconds > 0) {
                idle(relays, fr, idleSeconds, rate);
            }
        }
        deleteTree(dir); // only after a run that went through: otherwise the logs (karaf.log, FreeRADIUS's) stay
    }

    /** {@code relayload.transport}: {@code radsec} (the default) or {@code dtls}, what both relays speak upstream. */
    static String transport() {
        String t = System.getProperty("relayload.transport", "radsec");
        if (!t.equals("radsec") && !t.equals("dtls")) {
            throw new IllegalArgumentException("relayload.transport is radsec or dtls, not " + t);
        }
        return t;
    }

    private static int upstreamPort(FreeRadiusProcess fr, RadsecproxyProcess dtlsServer) {
        return dtlsServer != null ? dtlsServer.port() : fr.radsecPort();
    }

    /**
     * The fixed cost: the CPU time of each relay's process and FreeRADIUS's over {@code seconds} without load, all
     * read over the same interval (after the rounds, so the JVMs are warm). With a {@code rate}, also that cost
     * spread over the requests of a second at that rate.
     */
    private static void idle(List<RelayUnderTest> relays, FreeRadiusProcess fr, int seconds, int rate)
            throws IOException, InterruptedException {
        Thread.sleep(5_000); // the last round's answers and lost-request timers are over
        List<String> names = Stream.concat(relays.stream().map(RelayUnderTest::name), Stream.of("FreeRADIUS")).toList();
        long[] pids = Stream.concat(relays.stream().map(RelayUnderTest::pid), Stream.of(fr.pid()))
                .mapToLong(Long::longValue).toArray();
        long[] before = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            before[i] = ProcessCpu.micros(pids[i]);
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.println();
        System.out.println("| idle, no load, " + seconds + " s | CPU ms | CPU µs/s | % of a core"
                + (rate > 0 ? " | CPU µs/req at " + rate + "/s |" : " |"));
        System.out.println("|---|---:|---:|---:|" + (rate > 0 ? "---:|" : ""));
        for (int i = 0; i < pids.length; i++) {
            long cpu = ProcessCpu.micros(pids[i]) - before[i];
            System.out.printf("| %s | %.0f | %.0f | %.2f |%s%n", names.get(i), cpu / 1e3, cpu / elapsed,
                    cpu / elapsed / 1e4, rate > 0 ? String.format(" %.1f |", cpu / elapsed / rate) : "");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One measured round of {@code relay}; prints its row. */
    private static void round(RelayUnderTest relay, FreeRadiusProcess fr, int seconds, String load, int round,
            RoundTable table) {
        if (!relay.isAlive()) {
            table.failed(relay.name(), load, round, "–"); // it died in an earlier round; reported there
            return;
        }
        long[] before = new long[2];
        ThreadAllocation[] allocatedBefore = new ThreadAllocation[1];
        try {
            String[] r = LoadGenerator.inChildJvm(relay.port(), NAS_SECRET, seconds, load, WARM_UP_SECONDS, () -> {
                // the remote JMX read first and last, so its own work stays out of the CPU figures
                allocatedBefore[0] = relay.threads().map(ThreadAllocation::read).orElse(null);
                before[0] = ProcessCpu.micros(relay.pid());
                before[1] = ProcessCpu.micros(fr.pid());
            });
            if (!relay.isAlive()) {
                throw new IllegalStateException("gone");
            }
            long relayCpu = ProcessCpu.micros(relay.pid()) - before[0];
            long freeRadiusCpu = ProcessCpu.micros(fr.pid()) - before[1];
            long allocated = allocatedBefore[0] == null ? -1
                    : ThreadAllocation.read(relay.threads().orElseThrow()).since(allocatedBefore[0]);
            table.row(relay.name(), load, round, seconds, r, relayCpu, allocated, freeRadiusCpu);
        } catch (Exception e) { // the generator failed, or the relay's process is gone
            table.failed(relay.name(), load, round, "failed: " + (relay.isAlive() ? e.getMessage()
                    : relay.name() + " died under load (see dmesg)"));
        }
    }
}
