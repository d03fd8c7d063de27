package dev.radsec.benchmarks;

import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.DestinationStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Scale-out on loopback (issue 18): three instances of the shipped distribution (separate {@code bin/karaf}
 * processes, separate ports) relay RadSec to one FreeRADIUS 3.2.1; in front of them our relay balances with
 * {@code balance = keyed} over RadSec ({@link KeyedFront}); the load generator is the NAS, with 3,000 Wi-Fi clients
 * (distinct Calling-Station-Ids).
 *
 * <ol>
 * <li>Throughput and CPU per request with 1, 2 and 3 instances behind the balancer, rounds interleaved, after one
 * unmeasured round over all three (the JIT, connections).</li>
 * <li>Under open-loop load, {@code kill -9} of one instance: when its share is answered again, what was lost, and how
 * long after its restart the share returns.</li>
 * </ol>
 *
 * Exits with status 1 when a request vanished (sent is not answered + counted lost), when more was lost than the
 * killed instance had in flight, or when the share did not return.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.radsec.benchmarks.ScaleOut [seconds-per-round] [in-flight] [rate/s]</pre>
 */
public final class ScaleOut {
    private static final String NAS_SECRET = "scale-out-nas-1";
    private static final int INSTANCES = 3;
    private static final int STATIONS = 3000;
    private static final int ROUNDS = 3;
    private static final int WARM_UP = 5;
    /** The instance killed in part 2 (from 0), destination {@link KeyedFront#FIRST_ID} + 1. */
    private static final int VICTIM = 1;

    private ScaleOut() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        LoopbackRun.runAndExit(() -> run(seconds, window, rate));
    }

    private static void run(int seconds, int window, int rate) throws Exception {
        Path dir = Files.createTempDirectory("scale-out");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        int serverPort = FreeRadiusProcess.freeTcpPort();
        Path tarball = DistributionRelay.tarball();
        List<ScaleOutInstance> instances = new ArrayList<>();
        try (FreeRadiusProcess freeRadius = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("freeradius")))
                .secret("scale-out-udp-1").users("alice Cleartext-Password := \"alice-pw\"\n")
                .radsec(serverPort, pki.caCertificate(), pki.server().certificate(), pki.server().key()).debug(false).start()) {
            long booting = System.nanoTime();
            ExecutorService boot = Executors.newFixedThreadPool(INSTANCES);
            List<Future<ScaleOutInstance>> started = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                String name = "instance-" + (i + 1);
                Path home = dir.resolve(name);
                started.add(boot.submit(() -> ScaleOutInstance.start(name, tarball, home, pki, serverPort)));
            }
            for (Future<ScaleOutInstance> f : started) {
                instances.add(f.get());
            }
            boot.shutdown();
            try (KeyedFront front = new KeyedFront(dir.resolve("front"), pki,
                    instances.stream().map(ScaleOutInstance::radsecPort).toList(), NAS_SECRET)) {
                for (int i = 0; i < INSTANCES; i++) {
                    front.awaitRelaying(i, Duration.ofSeconds(180), instances.get(i));
                }
                System.out.printf("%d instances relaying after %d s; FreeRADIUS %s (pid %d)%n", INSTANCES,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - booting), freeRadius.radsecAddress(), freeRadius.pid());
                instances.forEach(i -> System.out.println("  " + i));
                throughput(front, instances, freeRadius.pid(), seconds, window);
                boolean ok = killOne(front, instances, rate, dir);
                if (!ok) {
                    throw new IllegalStateException("scale-out failover check failed (see above)");
                }
            }
        } finally {
            for (ScaleOutInstance i : instances) {
                i.close();
            }
        }
    }

    /** Part 1: closed loop, rounds for 1, 2, 3 instances interleaved; shares from the balancer's counters. */
    private static void throughput(KeyedFront front, List<ScaleOutInstance> instances, long freeRadiusPid, int seconds,
                                   int window) throws Exception {
        System.out.printf("%n## 1. Throughput with 1, 2 and 3 instances behind the keyed balancer: %d s rounds, %d in flight, %d stations%n",
                seconds, window, STATIONS);
        System.out.println("| instances | round | answered/s | lost | p50 ms | p99 ms | instances' CPU µs/req | balancer CPU µs/req | FreeRADIUS CPU µs/req | all three µs/req | shares % |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        long self = ProcessHandle.current().pid();
        // the JIT of the balancer and of every instance, and their connections: one unmeasured round over all
        LoadGenerator.inChildJvm(front.port(), NAS_SECRET, 20, String.valueOf(window), 0, () -> { },
                List.of("-Dload.stations=" + STATIONS));
        for (int round = 1; round <= ROUNDS; round++) {
            for (int n = 1; n <= INSTANCES; n++) {
                front.use(n);
                long[] cpu = new long[3];
                long[] requests = new long[INSTANCES];
                String[] r = LoadGenerator.inChildJvm(front.port(), NAS_SECRET, seconds, String.valueOf(window), WARM_UP, () -> {
                    cpu[0] = -instancesCpu(instances);
                    cpu[1] = -ProcessCpu.micros(self);
                    cpu[2] = -ProcessCpu.micros(freeRadiusPid);
                    for (int i = 0; i < INSTANCES; i++) {
                        requests[i] = -front.statistics(i).requests();
                    }
                }, List.of("-Dload.stations=" + STATIONS));
                cpu[0] += instancesCpu(instances);
                cpu[1] += ProcessCpu.micros(self);
                cpu[2] += ProcessCpu.micros(freeRadiusPid);
                long total = 0;
                for (int i = 0; i < INSTANCES; i++) {
                    requests[i] += front.statistics(i).requests();
                    total += requests[i];
                }
                StringBuilder shares = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    shares.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", 100.0 * requests[i] / Math.max(1, total)));
                }
                long answered = Long.parseLong(r[0]);
                double per = Math.max(1, answered);
                System.out.printf(Locale.ROOT, "| %d | %d | %.0f | %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %s |%n", n, round,
                        answered / (double) seconds, r[1], r[2], r[3], cpu[0] / per, cpu[1] / per, cpu[2] / per,
                        (cpu[0] + cpu[1] + cpu[2]) / per, shares);
            }
        }
        front.use(INSTANCES);
    }

    /** CPU time of all instances' JVMs together, idle ones included: what the fleet costs. */
    private static long instancesCpu(List<ScaleOutInstance> instances) throws IOException {
        long sum = 0;
        for (ScaleOutInstance i : instances) {
            sum += ProcessCpu.micros(i.pid());
        }
        return sum;
    }

    /**
     * Part 2: open loop at {@code rate}; 10 s into the measured part the victim gets SIGKILL, 5 s later it is started
     * again. Returns false when a check failed.
     */
    private static boolean killOne(KeyedFront front, List<ScaleOutInstance> instances, int rate, Path dir) throws Exception {
        int seconds = 90;
        ScaleOutInstance victim = instances.get(VICTIM);
        System.out.printf("%n## 2. kill -9 of %s under %d requests/s (open loop, %d stations), restart 5 s later%n",
                victim.name(), rate, STATIONS);
        Path bins = dir.resolve("bins");
        long[] t0 = new long[1];
        CompletableFuture<String[]> load = CompletableFuture.supplyAsync(() -> {
            try {
                return LoadGenerator.inChildJvm(front.port(), NAS_SECRET, seconds, rate + "/s", WARM_UP,
                        () -> t0[0] = System.nanoTime(), List.of("-Dload.stations=" + STATIONS, "-Dload.bins=" + bins));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (t0[0] == 0) {
            Thread.sleep(10);
        }
        sleepUntil(t0[0] + TimeUnit.SECONDS.toNanos(10));
        DestinationStatistics before = front.statistics(VICTIM);
        long[] requestsBefore = new long[INSTANCES];
        for (int i = 0; i < INSTANCES; i++) {
            requestsBefore[i] = front.statistics(i).requests();
        }
        long killed = System.nanoTime();
        victim.kill();
        long down = -1;
        while (System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(5)) {
            if (down < 0 && front.statistics(VICTIM).state() == DestinationStatistics.State.DOWN) {
                down = System.nanoTime();
            }
            Thread.sleep(5);
        }
        DestinationStatistics during = front.statistics(VICTIM);
        long restarted = System.nanoTime();
        victim.restart();
        long listening = -1;
        long up = -1;
        long back = -1;
        long requestsAtUp = 0;
        while (System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(70) && back < 0) {
            DestinationStatistics s = front.statistics(VICTIM);
            if (listening < 0 && accepts(victim.radsecPort())) {
                listening = System.nanoTime();
            }
            if (up < 0 && s.state() == DestinationStatistics.State.UP) {
                up = System.nanoTime();
                requestsAtUp = s.requests();
            }
            if (up > 0 && s.requests() > requestsAtUp + 100) {
                back = System.nanoTime();
            }
            Thread.sleep(20);
        }
        String[] r = load.get();
        long sent = Long.parseLong(r[4]);
        long answered = Long.parseLong(r[0]);
        long lost = Long.parseLong(r[1]);
        System.out.println("| sent | answered | lost | sent = answered + lost | pending on the victim's connection just before the kill | kill -> DOWN | restart -> listening (boot) | restart -> UP | restart -> share back |");
        System.out.println("|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        System.out.printf("| %d | %d | %d | %s | %d | %s | %s | %s | %s |%n", sent, answered, lost, sent == answered + lost ? "yes" : "NO",
                before.pending(), down < 0 ? "not within 5 s" : ms(down - killed) + " ms",
                listening < 0 ? "not within 70 s" : ms(listening - restarted) + " ms",
                up < 0 ? "not within 70 s" : ms(up - restarted) + " ms", back < 0 ? "not within 70 s" : ms(back - restarted) + " ms");
        System.out.println("balancer: " + front.relayCounters());
        System.out.println("victim's destination after the kill: " + during);
        List<long[]> curve = readBins(bins);
        int killBin = (int) ((killed - t0[0]) / 100_000_000L);
        System.out.print("answered/sent per 100 ms around the kill (bin of the kill in brackets):");
        for (int b = Math.max(0, killBin - 3); b < Math.min(curve.size(), killBin + 12); b++) {
            long[] bin = curve.get(b);
            System.out.printf(b == killBin ? " [%d/%d]" : " %d/%d", bin[2], bin[1]);
        }
        System.out.println();
        long lostAfterKill = 0;
        for (int b = killBin + 1; b < curve.size(); b++) {
            lostAfterKill += curve.get(b)[1] - curve.get(b)[2];
        }
        System.out.printf("lost among requests sent after the kill's 100 ms: %d%n", lostAfterKill);
        boolean ok = sent == answered + lost && back > 0 && lostAfterKill == 0 && lost <= before.pending() + 2L * rate / 10;
        if (!ok) {
            System.out.println("CHECK FAILED: every request answered or counted, nothing lost beyond what was in flight"
                    + " around the kill, and the share back after the restart");
        }
        return ok;
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port} (the instance's RadSec listener). */
    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The generator's bins: start-ms, sent, answered. */
    private static List<long[]> readBins(Path bins) throws IOException {
        List<long[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(bins)) {
            String[] f = line.split(" ");
            out.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return out;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
