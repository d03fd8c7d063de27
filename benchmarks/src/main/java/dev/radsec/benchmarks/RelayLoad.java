package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Relay throughput and latency against radsecproxy, side by side in one run: a load generator in its own JVM
 * ({@link LoadGenerator}: no retransmissions, a fixed number of requests in flight) sends PAP Access-Requests as a NAS to (a) our relay
 * and (b) radsecproxy 1.9.2, both relaying over RadSec to the same FreeRADIUS 3.2.1. Loopback only.
 *
 * The CPU columns are the relay's process (our JVM, or radsecproxy) and FreeRADIUS's, per answered request, over
 * the measured part: on a small machine they, not the relay alone, bound the throughput.
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
        int[] windows = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray() : new int[] {200, 400};
        Path dir = Files.createTempDirectory("relay-load");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        try (FreeRadiusProcess fr = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("fr")))
                .secret("fr-udp-secret-1").users("alice Cleartext-Password := \"alice-pw\"\n\tReply-Message = \"hi\"\n")
                .radsec(0, pki.caCertificate(), pki.server().certificate(), pki.server().key()).debug(false).start()) {
            ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "load-pki");
            NioFileWatcher watcher = new NioFileWatcher("load-watch");
            CredentialRegistry credentials = new CredentialRegistry(scheduler, watcher, dir);
            credentials.certificateConfigured("c", Map.of("name", "client", "certificate", pki.client().certificate().toString(),
                    "private-key", pki.client().key().toString()));
            credentials.trustConfigured("t", Map.of("ca", pki.caCertificate().toString()));
            while (!credentials.certificate("client").isAvailable() || credentials.trustAnchors("default").isEmpty()) {
                Thread.onSpinWait();
            }
            ExecutorScheduler timer = new ExecutorScheduler(Clock.systemUTC(), "load-timer");
            RadiusClientImpl relayClient = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
            relayClient.destinationConfigured("d1", Map.of("id", "1", "address", "127.0.0.1",
                    "port", String.valueOf(fr.radsecPort()), "tls-certificate", "client", "max-tx-buffers", "3200"));
            RadiusServerImpl server = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
            RelayRegistry relays = new RelayRegistry();
            relayClient.addDynamicRequestHandler(relays, java.util.Map.of());
            RelayConfiguration relay = new RelayConfiguration(new dev.radsec.transport.internal.RadiusServerService(server),
                    relayClient, relays);
            relay.apply(new HashMap<>(Map.of("service.pid", "load", "name", "load", "auth-port", "0", "acct-port", "0",
                    "secret", NAS_SECRET, "destinations", "1")));
            int ourPort = server.localAddress("relay-load-auth").orElseThrow().getPort();
            int proxyPort = FreeRadiusProcess.freeUdpPort();
            try (RadsecproxyProcess proxy = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("rp")))
                    .tls(pki.caCertificate(), pki.server().certificate(), pki.server().key())
                    .server("tls", fr.radsecAddress(), "radsec").logLevel(1)
                    .config("ListenUDP 127.0.0.1:" + proxyPort + "\nclient nas {\n    host 127.0.0.1\n    type udp\n    secret "
                            + NAS_SECRET + "\n}")
                    .start()) {
                String only = System.getProperty("relayload.only", "");
                int rounds = Integer.getInteger("relayload.rounds", 3);
                System.out.println("| relay | in flight | round | answered/s | lost | p50 ms | p99 ms | relay CPU µs/req | FreeRADIUS CPU µs/req |");
                System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
                Map<String, java.util.List<Double>> throughput = new java.util.TreeMap<>();
                Map<String, Integer> lost = new java.util.TreeMap<>();
                for (int window : windows) {
                    // rounds interleave the two relays, so drift on the machine touches both alike
                    for (int round = 1; round <= rounds; round++) {
                        for (String[] target : new String[][] {{"radsec-karaf", String.valueOf(ourPort)}, {"radsecproxy 1.9.2", String.valueOf(proxyPort)}}) {
                            if (!target[0].startsWith(only)) {
                                continue;
                            }
                            boolean external = target[0].startsWith("radsecproxy");
                            if (external && !proxy.isAlive()) {
                                System.out.printf("| %s | %d | %d | – | – | – | – | – | – |%n", target[0], window, round);
                                continue; // it crashed in an earlier round; reported there
                            }
                            long relayPid = external ? proxy.pid() : ProcessHandle.current().pid();
                            long[] cpuBefore = new long[2];
                            String[] r;
                            try {
                                r = LoadGenerator.inChildJvm(Integer.parseInt(target[1]), NAS_SECRET, seconds, window, WARM_UP_SECONDS, () -> {
                                    cpuBefore[0] = cpuMicros(relayPid);
                                    cpuBefore[1] = cpuMicros(fr.pid());
                                });
                            } catch (Exception e) { // the generator failed, or the relay's process is gone
                                String why = external && !proxy.isAlive() ? "radsecproxy died under load (see dmesg)"
                                        : e.getMessage();
                                System.out.printf("| %s | %d | %d | failed: %s | | | | | |%n", target[0], window, round, why);
                                continue;
                            }
                            if (external && !proxy.isAlive()) {
                                System.out.printf("| %s | %d | %d | failed: radsecproxy died under load (see dmesg) | | | | | |%n",
                                        target[0], window, round);
                                continue;
                            }
                            double answered = Math.max(1, Long.parseLong(r[0]));
                            System.out.printf("| %s | %d | %d | %.0f | %s | %s | %s | %.1f | %.1f |%n", target[0], window, round,
                                    answered / seconds, r[1], r[2], r[3],
                                    (cpuMicros(relayPid) - cpuBefore[0]) / answered, (cpuMicros(fr.pid()) - cpuBefore[1]) / answered);
                            String key = window + " " + target[0];
                            throughput.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(answered / seconds);
                            lost.merge(key, Integer.parseInt(r[1]), Integer::sum);
                        }
                    }
                }
                System.out.println();
                System.out.println("| in flight | radsec-karaf answered/s (median) | radsecproxy answered/s (median) | ratio | lost (ours / radsecproxy) |");
                System.out.println("|---:|---:|---:|---:|---:|");
                for (int window : windows) {
                    if (!throughput.containsKey(window + " radsec-karaf") || !throughput.containsKey(window + " radsecproxy 1.9.2")) {
                        continue;
                    }
                    double ours = median(throughput.get(window + " radsec-karaf"));
                    double theirs = median(throughput.get(window + " radsecproxy 1.9.2"));
                    System.out.printf("| %d | %.0f | %.0f | %.2fx | %s / %s |%n", window, ours, theirs, ours / theirs,
                            lost.get(window + " radsec-karaf"), lost.get(window + " radsecproxy 1.9.2"));
                }
            }
            relay.remove();
            server.close();
            relayClient.close();
            watcher.close();
            scheduler.close();
            timer.close();
        }
    }


    private static double median(java.util.List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        java.util.List<Double> sorted = new java.util.ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** User plus system CPU time of a process, from /proc (Linux), in microseconds. */
    private static long cpuMicros(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        return ticks * 1_000_000L / 100; // USER_HZ is 100 on Linux
    }
}
