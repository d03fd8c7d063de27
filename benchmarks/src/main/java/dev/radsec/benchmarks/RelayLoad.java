package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.pki.internal.ExecutorScheduler;
import dev.radsec.pki.internal.NioFileWatcher;
import dev.radsec.transport.internal.ExecutorTimer;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.transport.internal.RelayConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relay throughput and latency against radsecproxy, side by side in one run: a load generator (our UDP client,
 * no retransmissions, a fixed number of requests in flight) sends PAP Access-Requests as a NAS to (a) our relay
 * and (b) radsecproxy 1.9.2, both relaying over RadSec to the same FreeRADIUS 3.2.1. Loopback only.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.radsec.benchmarks.RelayLoad [seconds] [in-flight...]</pre>
 */
public final class RelayLoad {
    private static final String NAS_SECRET = "load-nas-secret-1";

    private RelayLoad() {
    }

    public static void main(String[] args) throws Exception {
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
            ExecutorTimer timer = new ExecutorTimer(Clock.systemUTC(), "load-timer");
            RadiusClientImpl relayClient = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
            relayClient.destinationConfigured("d1", Map.of("id", "1", "address", "127.0.0.1",
                    "port", String.valueOf(fr.radsecPort()), "tls-certificate", "client", "max-tx-buffers", "3200",
                    "require-message-auth", "false"));
            RadiusServerImpl server = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
            RelayConfiguration relay = new RelayConfiguration(server, relayClient);
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
                RadiusClientImpl nas = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
                System.out.println("| relay | in flight | answered/s | lost | p50 ms | p99 ms |");
                System.out.println("|---|---:|---:|---:|---:|---:|");
                for (int window : windows) {
                    for (String[] target : new String[][] {{"radsec-karaf", String.valueOf(ourPort)}, {"radsecproxy 1.9.2", String.valueOf(proxyPort)}}) {
                        int id = 100 + window + (target[0].startsWith("radsecproxy") ? 1 : 0);
                        Map<String, Object> d = new HashMap<>(Map.of("id", String.valueOf(id), "address", "127.0.0.1",
                                "protocol", "udp", "port", target[1], "accounting-port", target[1], "secret", NAS_SECRET,
                                "timeout", "5", "retries", "0", "max-tx-buffers", "3200"));
                        d.put("require-message-auth", "false");
                        nas.destinationConfigured("nas-" + id, d);
                        run(nas, id, 3, window); // warm-up
                        Result r = run(nas, id, seconds, window);
                        System.out.printf("| %s | %d | %.0f | %d | %.2f | %.2f |%n", target[0], window,
                                r.answered / (double) seconds, r.lost, r.p50, r.p99);
                    }
                }
                nas.close();
            }
            relay.remove();
            server.close();
            relayClient.close();
            watcher.close();
            scheduler.close();
            timer.close();
        }
        System.exit(0);
    }

    private static final class Result {
        int answered;
        int lost;
        double p50;
        double p99;
    }

    private static Result run(RadiusClientImpl nas, int id, int seconds, int window) throws Exception {
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        long[] latencies = new long[4_000_000];
        AtomicInteger n = new AtomicInteger();
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", "alice").add("User-Password", "alice-pw").add("NAS-Identifier", "load").build();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            inFlight.acquire();
            long start = System.nanoTime();
            nas.send(id, request).whenComplete((r, t) -> {
                if (t == null && r.code() == PacketCode.ACCESS_ACCEPT) {
                    answered.incrementAndGet();
                    int i = n.getAndIncrement();
                    if (i < latencies.length) {
                        latencies[i] = System.nanoTime() - start;
                    }
                } else {
                    lost.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(window); // drain: every request ends (answer or timeout)
        Result r = new Result();
        r.answered = answered.get();
        r.lost = lost.get();
        long[] l = Arrays.copyOf(latencies, Math.min(n.get(), latencies.length));
        Arrays.sort(l);
        r.p50 = l.length == 0 ? 0 : l[l.length / 2] / 1e6;
        r.p99 = l.length == 0 ? 0 : l[(int) (l.length * 0.99)] / 1e6;
        return r;
    }
}
