package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.ListenerStatistics;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import dev.radsec.transport.internal.RadiusServerService;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reliability figures for the README, loopback only and bounded in time: (1) sustained load through the relay,
 * with requests sent = answered + counted lost, heap and threads sampled; (2) the RadSec server (FreeRADIUS) killed
 * with SIGKILL under load and restarted: recovery time, every request accounted for; (3) 1,000,000 random and
 * mutated datagrams at the relay's UDP port and garbage at a RadSec listener, beside legitimate load.
 *
 * <pre>java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.radsec.benchmarks.Reliability [sustained-seconds]</pre>
 */
public final class Reliability {
    private static final String NAS_SECRET = "reliability-nas-1";
    private static final int WINDOW = 200;

    private Reliability() {
    }

    public static void main(String[] args) throws Exception {
        LoopbackRun.runAndExit(() -> run(args.length > 0 ? Integer.parseInt(args[0]) : 300));
    }

    private static void run(int sustainedSeconds) throws Exception {
        Path dir = Files.createTempDirectory("reliability");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        int radsecPort = FreeRadiusProcess.freeTcpPort();
        FreeRadiusProcess fr = freeRadius(dir.resolve("fr1"), pki, radsecPort);
        ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "rel-pki");
        NioFileWatcher watcher = new NioFileWatcher("rel-watch");
        CredentialRegistry credentials = new CredentialRegistry(scheduler, watcher, dir);
        credentials.certificateConfigured("c", Map.of("name", "client", "certificate", pki.client().certificate().toString(),
                "private-key", pki.client().key().toString()));
        credentials.certificateConfigured("s", Map.of("name", "server", "certificate", pki.server().certificate().toString(),
                "private-key", pki.server().key().toString()));
        credentials.trustConfigured("t", Map.of("ca", pki.caCertificate().toString()));
        while (!credentials.certificate("client").isAvailable() || !credentials.certificate("server").isAvailable()
                || credentials.trustAnchors("default").isEmpty()) {
            Thread.sleep(10);
        }
        ExecutorScheduler timer = new ExecutorScheduler(Clock.systemUTC(), "rel-timer");
        RadiusClientImpl client = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
        client.destinationConfigured("d1", Map.of("id", "1", "address", "127.0.0.1", "port", String.valueOf(radsecPort),
                "tls-certificate", "client", "max-tx-buffers", "3200"));
        RadiusServerImpl server = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
        RelayRegistry relays = new RelayRegistry();
        client.addDynamicRequestHandler(relays, Map.of());
        RelayConfiguration relay = new RelayConfiguration(new RadiusServerService(server), client, relays);
        relay.apply(new HashMap<>(Map.of("service.pid", "rel", "name", "rel", "auth-port", "0", "acct-port", "0",
                "secret", NAS_SECRET, "destinations", "1")));
        int relayPort = server.localAddress("relay-rel-auth").orElseThrow().getPort();
        while (client.statistics(1).map(s -> s.state() != DestinationStatistics.State.UP).orElse(true)) {
            Thread.sleep(10);
        }

        System.out.println("## 1. Sustained load: " + sustainedSeconds + " s, " + WINDOW + " in flight");
        List<long[]> samples = new ArrayList<>();
        CompletableFuture<String[]> sustained = CompletableFuture.supplyAsync(() -> generate(relayPort, sustainedSeconds, 5));
        while (!sustained.isDone()) {
            System.gc(); // heap after collection: what stays, not what is in flight
            samples.add(new long[] {ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
                ManagementFactory.getThreadMXBean().getThreadCount()});
            sleepUntilDone(sustained, 30);
        }
        String[] r = sustained.get();
        ClientNetworkStatistics n = relays.relay("rel").orElseThrow().total();
        long sent = Long.parseLong(r[4]);
        long answered = Long.parseLong(r[0]);
        long lost = Long.parseLong(r[1]);
        System.out.printf("| sent | answered | lost (counted timeouts) | sent = answered + lost | answered/s | p99 ms |%n");
        System.out.printf("|---:|---:|---:|---|---:|---:|%n| %d | %d | %d | %s | %.0f | %s |%n", sent, answered, lost,
                sent == answered + lost ? "yes" : "NO", answered / (double) sustainedSeconds, r[3]);
        System.out.printf("relay: requests %d, forwarded %d, no-destination %d, bad-authenticator %d%n", n.requests(),
                n.forwarded(), n.noDestination(), n.badAuthenticator());
        System.out.print("heap after GC (MiB) / threads, every 30 s:");
        for (long[] s : samples) {
            System.out.print(" " + s[0] + "/" + s[1]);
        }
        System.out.println();

        System.out.println("\n## 2. kill -9 of the RadSec server under load, restart after 5 s");
        CompletableFuture<String[]> underKill = CompletableFuture.supplyAsync(() -> generate(relayPort, 40, 5));
        Thread.sleep(15_000); // 5 s warm-up + 10 s of load
        long acceptsBefore = client.statistics(1).orElseThrow().accepts();
        ProcessHandle.of(fr.pid()).ifPresent(ProcessHandle::destroyForcibly);
        long killed = System.nanoTime();
        Thread.sleep(5_000);
        fr = freeRadius(dir.resolve("fr2"), pki, radsecPort);
        long restarted = System.nanoTime();
        long accepts = client.statistics(1).orElseThrow().accepts();
        long up = -1;
        long firstAccept = -1;
        while (System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(60) && firstAccept < 0) {
            DestinationStatistics s = client.statistics(1).orElseThrow();
            if (up < 0 && s.state() == DestinationStatistics.State.UP) {
                up = System.nanoTime();
            }
            if (s.accepts() > accepts) {
                firstAccept = System.nanoTime();
            }
            Thread.sleep(20);
        }
        r = underKill.get();
        sent = Long.parseLong(r[4]);
        answered = Long.parseLong(r[0]);
        lost = Long.parseLong(r[1]);
        System.out.printf("| sent | answered | lost (counted) | sent = answered + lost | killed -> restarted | restarted -> UP | restarted -> first Accept |%n");
        System.out.printf("|---:|---:|---:|---|---:|---:|---:|%n| %d | %d | %d | %s | %d ms | %s | %s |%n", sent, answered, lost,
                sent == answered + lost ? "yes" : "NO", ms(restarted - killed), up < 0 ? "never" : ms(up - restarted) + " ms",
                firstAccept < 0 ? "never" : ms(firstAccept - restarted) + " ms");
        System.out.println("accepts before the kill: " + acceptsBefore + "; destination now: " + client.statistics(1).orElseThrow());

        System.out.println("\n## 3. 1,000,000 random and mutated datagrams, and garbage at a RadSec listener, beside load");
        server.listenerConfigured("garbage", Map.of("name", "garbage", "protocol", "radsec", "address", "127.0.0.1",
                "port", "0", "tls-certificate", "server"));
        RadiusRequestHandler accept = (context, request) -> CompletableFuture.completedFuture(
                RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).build());
        server.addHandler(accept, "garbage", 0);
        int garbagePort = server.localAddress("garbage").orElseThrow().getPort();
        ListenerStatistics udpBefore = server.statistics("relay-rel-auth").orElseThrow();
        long kernelDropsBefore = udpReceiveBufferErrors();
        CompletableFuture<String[]> beside = CompletableFuture.supplyAsync(() -> generate(relayPort, 60, 5));
        Thread.sleep(5_000);
        long fuzzed = fuzz(relayPort, 1_000_000);
        int garbageConnections = garbage(garbagePort, 2_000);
        r = beside.get();
        ListenerStatistics udpAfter = server.statistics("relay-rel-auth").orElseThrow();
        long counted = (udpAfter.malformed() - udpBefore.malformed()) + (udpAfter.badAuthenticators() - udpBefore.badAuthenticators())
                + (udpAfter.unknownClients() - udpBefore.unknownClients()) + (udpAfter.duplicates() - udpBefore.duplicates());
        long kernelDrops = udpReceiveBufferErrors() - kernelDropsBefore;
        // what the relay never saw was dropped by the kernel when the socket buffer was full; the kernel counts
        // those for all UDP sockets together (the load generator's and FreeRADIUS's too)
        System.out.printf("| datagrams sent | counted by the relay (malformed, bad authenticator, duplicate) | not seen by the relay | UDP receive-buffer drops, all sockets |%n");
        System.out.printf("|---:|---:|---:|---:|%n| %d | %d | %d | %d |%n", fuzzed, counted, fuzzed - counted, kernelDrops);
        ListenerStatistics tls = server.statistics("garbage").orElseThrow();
        System.out.printf("garbage TLS: %d connections, %d counted as refused handshakes%n", garbageConnections, tls.tlsRefused());
        sent = Long.parseLong(r[4]);
        System.out.printf("legitimate load beside it: sent %d, answered %d, lost %d%n", sent, Long.parseLong(r[0]),
                Long.parseLong(r[1]));
        client.destinationConfigured("d2", Map.of("id", "2", "address", "127.0.0.1", "port", String.valueOf(garbagePort),
                "tls-certificate", "client"));
        int ok = 0;
        for (int i = 0; i < 100; i++) {
            RadiusPacket answer = client.send(2, RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                    .add("User-Name", "after-garbage").add("User-Password", "x").build()).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            ok += answer.code() == PacketCode.ACCESS_ACCEPT ? 1 : 0;
        }
        System.out.printf("the RadSec listener after the garbage: %d of 100 requests answered%n", ok);
        fr.close();
        relay.remove();
        server.close();
        client.close();
        watcher.close();
        scheduler.close();
        timer.close();
    }

    private static FreeRadiusProcess freeRadius(Path dir, TestPki pki, int radsecPort) throws IOException {
        return FreeRadiusProcess.builder(Files.createDirectories(dir)).secret("rel-udp-secret-1")
                .users("alice Cleartext-Password := \"alice-pw\"\n\tReply-Message = \"hi\"\n")
                .radsec(radsecPort, pki.caCertificate(), pki.server().certificate(), pki.server().key()).debug(false).start();
    }

    /** {@link LoadGenerator} in a child JVM at {@link #WINDOW} in flight: answered, lost, p50, p99, sent. */
    private static String[] generate(int port, int seconds, int warmUp) {
        try {
            return LoadGenerator.inChildJvm(port, NAS_SECRET, seconds, WINDOW, warmUp, () -> { });
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Half random bytes of random length, half a valid request with bytes flipped; returns how many were sent. */
    private static long fuzz(int port, int count) throws Exception {
        PacketCodec codec = new PacketCodec(Dictionary.standard());
        byte[] valid = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", "mallory").add("User-Password", "x").build(), SharedSecret.of(NAS_SECRET));
        Random random = new Random(42);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        long sent = 0;
        try (DatagramSocket socket = new DatagramSocket(0, loopback)) {
            for (int i = 0; i < count; i++) {
                byte[] datagram;
                if (i % 2 == 0) {
                    datagram = new byte[1 + random.nextInt(300)];
                    random.nextBytes(datagram);
                } else {
                    datagram = valid.clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        datagram[random.nextInt(datagram.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                }
                socket.send(new DatagramPacket(datagram, datagram.length, loopback, port));
                sent++;
                if (i % 2000 == 1999) {
                    Thread.sleep(1); // a flood, not a kernel buffer test: leave the legitimate load its share
                }
            }
        }
        return sent;
    }

    /** Connections that send random bytes, half of them behind a TLS record header, then close. */
    private static int garbage(int port, int connections) throws Exception {
        Random random = new Random(7);
        int made = 0;
        for (int i = 0; i < connections; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                byte[] junk = new byte[5 + random.nextInt(2000)];
                random.nextBytes(junk);
                if (i % 2 == 0) {
                    junk[0] = 0x16; // handshake record
                    junk[1] = 3;
                    junk[2] = 3;
                }
                OutputStream out = s.getOutputStream();
                out.write(junk);
                out.flush();
                made++;
            } catch (IOException e) {
                // the listener closed first: still a connection it had to deal with
                made++;
            }
        }
        Thread.sleep(2_000); // let it notice the last ones
        return made;
    }

    private static long udpReceiveBufferErrors() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
                String[] names = lines.get(i).split("\\s+");
                String[] values = lines.get(i + 1).split("\\s+");
                for (int k = 0; k < names.length; k++) {
                    if (names[k].equals("RcvbufErrors")) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        }
        return 0;
    }

    private static void sleepUntilDone(CompletableFuture<?> f, int seconds) throws InterruptedException {
        try {
            f.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // sampled again, or done
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
