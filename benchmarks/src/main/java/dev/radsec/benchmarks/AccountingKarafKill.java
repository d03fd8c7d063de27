package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code kill -9} of Karaf with accounting in its spool (issue 19 section 5), against the shipped distribution: relay
 * {@code default} to destination 1, a FreeRADIUS 3.2.1 RadSec port that is not listening yet. A NAS (plain UDP
 * sockets) sends {@code count} Accounting-Requests at 200/s, each with its own Acct-Session-Id, and sends the same
 * datagram again every second until it is answered. After a third of them were answered (and so are in the spool), Karaf's JVM
 * gets SIGKILL; {@code bin/karaf server} is started again on the same installation ({@code etc/}, {@code data/}),
 * the NAS's resends find it, and once every record was answered FreeRADIUS starts. Pass: the relay's spool (JMX)
 * held every record before FreeRADIUS started and is empty after, and every Acct-Session-Id is in FreeRADIUS's detail
 * files exactly once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.radsec.benchmarks.AccountingKarafKill [count]
 * </pre>
 * The distribution is {@code -Drelayload.distribution}, else {@code assembly/target}'s tarball. Its directory (in
 * {@code java.io.tmpdir}) is deleted at the end unless {@code -Daccounting.keep=true}.
 */
public final class AccountingKarafKill {
    private static final String NAS_SECRET = "nas-secret-karaf-kill";
    private static final int RATE = 200;
    private static final String MAIN_CLASS = "org.apache.karaf.main.Main";
    private static final Pattern SESSION = Pattern.compile("Acct-Session-Id = \"(karaf-kill-\\d+)\"");

    private AccountingKarafKill() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Path dir = Files.createTempDirectory("accounting-karaf-kill");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        int radsecPort = FreeRadiusProcess.freeTcpPort();
        int acctPort = FreeRadiusProcess.freeUdpPort();
        int registryPort = FreeRadiusProcess.freeTcpPort();
        int rmiPort = FreeRadiusProcess.freeTcpPort();
        KarafDistribution karaf = KarafDistribution.unpack(DistributionRelay.tarball(), dir.resolve("karaf"));
        karaf.configure("dev.radsec.pki.certificate-load.cfg", Map.of("certificate",
                pki.client().certificate().toString(), "private-key", pki.client().key().toString()));
        karaf.configure("dev.radsec.pki.trust-load.cfg", Map.of("ca", pki.caCertificate().toString()));
        karaf.configure("dev.radsec.destination-1.cfg", Map.of("id", "1", "address", "127.0.0.1",
                "port", String.valueOf(radsecPort), "tls-certificate", "load", "tls-trust", "load"));
        karaf.configure("dev.radsec.relay-default.cfg", Map.of("auth-port", String.valueOf(FreeRadiusProcess.freeUdpPort()),
                "acct-port", String.valueOf(acctPort), "secret", NAS_SECRET, "destinations", "1"));
        karaf.configure("dev.radsec.listener-server.cfg", Map.of("port", String.valueOf(FreeRadiusProcess.freeTcpPort())));
        karaf.configure("org.apache.karaf.management.cfg", Map.of("rmiRegistryPort", String.valueOf(registryPort),
                "rmiServerPort", String.valueOf(rmiPort)));
        karaf.configure("org.apache.karaf.shell.cfg", Map.of("sshPort", String.valueOf(FreeRadiusProcess.freeTcpPort()),
                "sshHost", "127.0.0.1"));

        Nas nas = new Nas(acctPort, total);
        ProcessHandle[] java = new ProcessHandle[1];
        FreeRadiusProcess freeRadius = null;
        JMXConnector jmx = null;
        try {
            java[0] = startKaraf(karaf.home());
            long boot = System.nanoTime();
            awaitRelay(acctPort, Duration.ofSeconds(120), java[0]);
            System.out.printf("Karaf up, relay answering after %.1f s%n", (System.nanoTime() - boot) / 1e9);
            nas.start();
            while (nas.answered.get() < total / 3) {
                Thread.sleep(5);
            }
            int answeredAtKill = nas.answered.get();
            java[0].destroyForcibly(); // SIGKILL
            java[0].onExit().get(30, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            System.out.printf("Karaf SIGKILLed with %d of %d records answered%n", answeredAtKill, total);
            java[0] = startKaraf(karaf.home());
            awaitRelay(acctPort, Duration.ofSeconds(120), java[0]);
            System.out.printf("Karaf up again, relay answering %.1f s after the kill%n",
                    (System.nanoTime() - killed) / 1e9);
            if (!nas.awaitAnswered(Duration.ofSeconds(120))) {
                throw new IllegalStateException("not every record was answered: " + nas.answered + " of " + total);
            }
            jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + rmiPort
                    + "/jndi/rmi://127.0.0.1:" + registryPort + "/karaf-root"),
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"}));
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            ObjectName relay = new ObjectName("dev.radsec:type=Relay,name=default");
            long waiting = (Long) mbeans.getAttribute(relay, "AccountingSpoolRecords");
            System.out.printf("all %d answered (NAS resent %d); the spool holds %d (%d bytes), %d duplicates, %d torn%n",
                    total, nas.resent.get(), waiting, (Long) mbeans.getAttribute(relay, "AccountingSpoolBytes"),
                    (Long) mbeans.getAttribute(relay, "AccountingDuplicates"),
                    (Long) mbeans.getAttribute(relay, "AccountingTorn"));
            freeRadius = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("freeradius")))
                    .radsec(radsecPort, pki.caCertificate(), pki.server().certificate(), pki.server().key())
                    .debug(false).start();
            long started = System.nanoTime();
            long deadline = started + TimeUnit.SECONDS.toNanos(180);
            while ((Long) mbeans.getAttribute(relay, "AccountingSpoolRecords") > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the spool did not drain: "
                            + mbeans.getAttribute(relay, "AccountingSpoolRecords") + " wait");
                }
                Thread.sleep(50);
            }
            double drained = (System.nanoTime() - started) / 1e9;
            Map<String, Integer> detail = detail(dir.resolve("freeradius"));
            long wrong = 0;
            for (int i = 0; i < total; i++) {
                if (detail.getOrDefault(Nas.session(i), 0) != 1) {
                    wrong++;
                }
            }
            System.out.printf("FreeRADIUS started: spool empty after %.1f s, %d replayed; detail files: %d sessions,"
                            + " %d not exactly once%n", drained, (Long) mbeans.getAttribute(relay, "AccountingReplayed"),
                    detail.size(), wrong);
            boolean pass = waiting == total && wrong == 0;
            System.out.println(pass ? "PASS" : "FAIL");
            if (!pass) {
                System.exit(1);
            }
        } finally {
            nas.close();
            if (jmx != null) {
                jmx.close();
            }
            if (freeRadius != null) {
                freeRadius.close();
            }
            if (java[0] != null) {
                java[0].destroyForcibly();
                java[0].onExit().get(30, TimeUnit.SECONDS);
            }
            if (!Boolean.getBoolean("accounting.keep")) {
                delete(dir); // an unpacked Karaf is 80 MB; -Daccounting.keep=true keeps it, logs and all
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** {@code bin/karaf server} in {@code home}; returns Karaf's JVM once it is there. */
    private static ProcessHandle startKaraf(Path home) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process launcher = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            ProcessHandle java = launcher.descendants()
                    .filter(h -> h.info().commandLine().orElse("").contains(MAIN_CLASS)).findFirst().orElse(null);
            if (java != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(java::destroyForcibly));
                return java;
            }
            if (!launcher.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("bin/karaf server did not start Karaf's JVM; see " + home.resolve("console.log"));
            }
            Thread.sleep(50);
        }
    }

    /** Returns once the relay answers a Status-Server on its accounting port (RFC 5997: with Accounting-Response). */
    private static void awaitRelay(int port, Duration patience, ProcessHandle java) throws Exception {
        PacketCodec codec = new PacketCodec(Dictionary.standard());
        SharedSecret secret = SharedSecret.of(NAS_SECRET);
        long deadline = System.nanoTime() + patience.toNanos();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(500);
            for (int id = 0; System.nanoTime() < deadline; id = (id + 1) % 256) {
                if (!java.isAlive()) {
                    throw new IOException("Karaf ended before its relay answered");
                }
                byte[] request = codec.encodeRequest(RadiusPacket.builder(PacketCode.STATUS_SERVER,
                        Dictionary.standard()).identifier(id).build(), secret);
                socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
                byte[] buf = new byte[4096];
                DatagramPacket answer = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(answer);
                    RadiusPacket p = codec.decodeResponse(buf, 0, answer.getLength(), request, secret,
                            MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
                    if (p.code() == PacketCode.ACCOUNTING_RESPONSE) {
                        return;
                    }
                } catch (SocketTimeoutException | dev.radsec.codec.RadiusDecodeException e) {
                    Thread.sleep(200);
                }
            }
        }
        throw new IOException("the relay did not answer Status-Server on " + port + " within " + patience);
    }

    /** How often each of our sessions is in the detail files under {@code dir}. */
    private static Map<String, Integer> detail(Path dir) throws IOException {
        Map<String, Integer> count = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.getFileName().toString().startsWith("detail-")).toList();
        }
        for (Path f : files) {
            Matcher m = SESSION.matcher(Files.readString(f));
            while (m.find()) {
                count.merge(m.group(1), 1, Integer::sum);
            }
        }
        return count;
    }

    /**
     * The NAS: records at {@value #RATE}/s from 8 UDP sockets (256 Identifiers each), each record sent again, the same
     * datagram, every second until it is answered, as a NAS keeps accounting.
     */
    private static final class Nas implements AutoCloseable {
        private static final int SOCKETS = 8;
        private final int port;
        private final int total;
        private final PacketCodec codec = new PacketCodec(Dictionary.standard());
        private final SharedSecret secret = SharedSecret.of(NAS_SECRET);
        private final DatagramSocket[] sockets = new DatagramSocket[SOCKETS];
        /** Per socket and Identifier: the record's octets while it waits for its answer, and when it was sent. */
        private final byte[][][] waiting = new byte[SOCKETS][256][];
        private final long[][] sentAt = new long[SOCKETS][256];
        private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1);
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger resent = new AtomicInteger();
        private int next;
        private int slot;

        Nas(int port, int total) throws IOException {
            this.port = port;
            this.total = total;
            for (int s = 0; s < SOCKETS; s++) {
                sockets[s] = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                int socket = s;
                Thread receiver = new Thread(() -> receive(socket), "nas-receive-" + s);
                receiver.setDaemon(true);
                receiver.start();
            }
        }

        static String session(int i) {
            return "karaf-kill-" + i;
        }

        void start() {
            executor.scheduleAtFixedRate(this::sendNext, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
            executor.scheduleAtFixedRate(this::resend, 100, 100, TimeUnit.MILLISECONDS);
        }

        private synchronized void sendNext() {
            if (next >= total) {
                return;
            }
            for (int tries = 0; tries < SOCKETS * 256; tries++) {
                slot = (slot + 1) % (SOCKETS * 256);
                int s = slot / 256;
                int id = slot % 256;
                if (waiting[s][id] == null) {
                    int i = next++;
                    byte[] request = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST,
                            Dictionary.standard()).identifier(id).add("User-Name", "nas-user-" + i)
                            .add("NAS-IP-Address", "127.0.0.1").add("Acct-Session-Id", session(i))
                            .add("Acct-Status-Type", "Start").add("Event-Timestamp", Instant.now())
                            .add("Acct-Delay-Time", 0).build(), secret);
                    waiting[s][id] = request;
                    sentAt[s][id] = System.nanoTime();
                    send(s, request);
                    return;
                }
            }
        }

        private synchronized void resend() {
            long now = System.nanoTime();
            for (int s = 0; s < SOCKETS; s++) {
                for (int id = 0; id < 256; id++) {
                    if (waiting[s][id] != null && now - sentAt[s][id] > TimeUnit.SECONDS.toNanos(1)) {
                        sentAt[s][id] = now;
                        resent.incrementAndGet();
                        send(s, waiting[s][id]);
                    }
                }
            }
        }

        private void send(int s, byte[] request) {
            try {
                sockets[s].send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                // nobody listens (ICMP port unreachable): sent again in a second
            }
        }

        private void receive(int s) {
            byte[] buf = new byte[4096];
            while (!sockets[s].isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    sockets[s].receive(p);
                } catch (IOException e) {
                    continue; // closed, or an ICMP error reported on the socket
                }
                if (p.getLength() < 20) {
                    continue;
                }
                int id = buf[1] & 0xFF;
                synchronized (this) {
                    byte[] request = waiting[s][id];
                    if (request == null) {
                        continue;
                    }
                    try {
                        RadiusPacket answer = codec.decodeResponse(buf, 0, p.getLength(), request, secret,
                                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
                        if (answer.code() == PacketCode.ACCOUNTING_RESPONSE) {
                            waiting[s][id] = null;
                            answered.incrementAndGet();
                        }
                    } catch (dev.radsec.codec.RadiusDecodeException e) {
                        // not the answer to this request
                    }
                }
            }
        }

        boolean awaitAnswered(Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (answered.get() < total) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(50);
            }
            return true;
        }

        @Override
        public void close() {
            executor.shutdownNow();
            for (DatagramSocket s : sockets) {
                s.close();
            }
        }
    }
}
