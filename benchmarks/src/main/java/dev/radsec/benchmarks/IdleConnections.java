package dev.radsec.benchmarks;

import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Issue 14: the heap an idle RadSec connection costs in the shipped distribution. Boots the assembly
 * ({@code bin/karaf server}, configured through {@code etc/} only) with its RadSec listener {@code server} on a free
 * port, certificate and trust store from {@link TestPki}; opens N mutual-TLS connections from this JVM (a full
 * handshake each: a fresh client {@link SSLContext} per connection, so no session resumption, as N distinct
 * devices), keeps them idle, and reads Karaf's heap after GC over remote JMX (the minimum of 3 readings) before,
 * with the connections open, and after closing them. With {@code -Didle.histogram=true} (the default) it also takes
 * {@code jmap -histo:live} of Karaf with the connections open and closed and prints the top differences.
 *
 * <p>What else is written to {@code etc/} before the first boot: destination 1 (shipped: towards the embedded
 * listener) pointed at the moved listener with the same certificate and trust store, so that as shipped it holds one
 * connection to it, counted in the baseline; relay {@code default} on free UDP ports; JMX and ssh on free ports.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.radsec.benchmarks.IdleConnections [connections, default 1000]</pre>
 */
public final class IdleConnections {
    private static final Duration BOOT = Duration.ofSeconds(120);
    /** After the listener first answers: the rest of the boot (features, bootstrap PKI) settles. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final int HISTOGRAM_TOP = 15;

    private IdleConnections() {
    }

    public static void main(String[] args) {
        LoopbackRun.runAndExit(() -> run(args.length > 0 ? Integer.parseInt(args[0]) : 1000));
    }

    private static void run(int n) throws Exception {
        boolean histogram = Boolean.parseBoolean(System.getProperty("idle.histogram", "true"));
        Path dir = Files.createTempDirectory("idle-connections");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        ClientTls tls = ClientTls.of(pki);
        int port = FreeRadiusProcess.freeTcpPort();
        int registryPort = FreeRadiusProcess.freeTcpPort();
        int rmiPort = FreeRadiusProcess.freeTcpPort();
        KarafDistribution karaf = KarafDistribution.unpack(DistributionRelay.tarball(), dir.resolve("karaf"));
        List<SSLSocket> sockets = new ArrayList<>(n);
        try {
            karaf.configure("dev.radsec.pki.certificate-bench.cfg", Map.of("certificate", pki.server().certificate().toString(),
                    "private-key", pki.server().key().toString()));
            karaf.configure("dev.radsec.pki.trust-bench.cfg", Map.of("ca", pki.caCertificate().toString()));
            karaf.configure("dev.radsec.listener-server.cfg", Map.of("port", String.valueOf(port), "address", "127.0.0.1",
                    "tls-certificate", "bench", "tls-trust", "bench", "clients", "127.0.0.1/32"));
            // the TestPki certificates carry clientAuth too
            karaf.configure("dev.radsec.destination-1.cfg", Map.of("port", String.valueOf(port),
                    "tls-certificate", "bench", "tls-trust", "bench"));
            karaf.configure("dev.radsec.relay-default.cfg", Map.of("auth-port", String.valueOf(FreeRadiusProcess.freeUdpPort()),
                    "acct-port", String.valueOf(FreeRadiusProcess.freeUdpPort())));
            karaf.configure("org.apache.karaf.management.cfg", Map.of("rmiRegistryPort", String.valueOf(registryPort),
                    "rmiServerPort", String.valueOf(rmiPort)));
            karaf.configure("org.apache.karaf.shell.cfg", Map.of("sshPort", String.valueOf(FreeRadiusProcess.freeTcpPort()),
                    "sshHost", "127.0.0.1"));
            long boot = System.nanoTime();
            karaf.start();
            try {
                awaitHandshake(port, tls, BOOT, karaf::isAlive);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "\n" + karaf.logTail(), e);
            }
            System.out.printf(Locale.ROOT, "Karaf pid %d (%s): listener 127.0.0.1:%d completes a mutual-TLS handshake after %.1f s%n",
                    karaf.pid(), karaf.home(), port, (System.nanoTime() - boot) / 1e9);
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + rmiPort + "/jndi/rmi://127.0.0.1:"
                    + registryPort + "/karaf-root");
            try (JMXConnector jmx = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"}))) {
                MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
                MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.MEMORY_MXBEAN_NAME,
                        MemoryMXBean.class);
                ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.THREAD_MXBEAN_NAME,
                        ThreadMXBean.class);
                RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.RUNTIME_MXBEAN_NAME,
                        RuntimeMXBean.class);
                System.out.println("Karaf JVM: " + runtime.getVmName() + " " + runtime.getVmVersion() + ", heap max "
                        + mib(memory.getHeapMemoryUsage().getMax()) + ", options " + runtime.getInputArguments().stream()
                                .filter(a -> a.startsWith("-X")).toList());
                Thread.sleep(SETTLE.toMillis());
                long settled = heapAfterGc(memory);
                Thread.sleep(IDLE.toMillis());
                long before = heapAfterGc(memory);
                int threadsBefore = threads.getThreadCount();
                int establishedBefore = established(port);
                System.out.printf(Locale.ROOT, "baseline: heap used after GC %s (drift over %d s with nothing opened: %+d B), "
                                + "Karaf threads %d, listener TCP connections ESTABLISHED %d (destination 1)%n",
                        bytes(before), IDLE.toSeconds(), before - settled, threadsBefore, establishedBefore);

                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sockets.add(tls.connect(port));
                }
                System.out.printf(Locale.ROOT, "opened %d mutual-TLS connections (full handshakes, %s %s) in %.1f s%n", n,
                        sockets.get(0).getSession().getProtocol(), sockets.get(0).getSession().getCipherSuite(),
                        (System.nanoTime() - t0) / 1e9);
                Thread.sleep(IDLE.toMillis());
                int establishedOpen = established(port);
                long open = heapAfterGc(memory);
                int threadsOpen = threads.getThreadCount();
                int establishedAfter = established(port);
                int sample = Math.max(1, n / 50);
                int sampled = 0;
                int stillOpen = 0;
                for (int i = 0; i < n; i += sample) {
                    sampled++;
                    stillOpen += isOpen(sockets.get(i)) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "listener side ESTABLISHED before/after the heap reading: %d/%d (of %d + %d); "
                        + "sampled sockets still open (a 20 ms read times out): %d of %d%n",
                        establishedOpen - establishedBefore, establishedAfter - establishedBefore, n, establishedBefore,
                        stillOpen, sampled);
                if (establishedAfter - establishedBefore != n || stillOpen != sampled) {
                    System.out.println("WARNING: the listener did not hold all " + n + " connections while measuring");
                }
                System.out.printf(Locale.ROOT, "with %d idle connections: heap used after GC %s, Karaf threads %d%n", n,
                        bytes(open), threadsOpen);
                Map<String, long[]> histoOpen = histogram ? histogram(karaf.pid()) : Map.of();
                if (Boolean.getBoolean("idle.heapdump")) {
                    Path dump = dir.resolve("karaf-open.hprof");
                    jdkTool("jmap", "-dump:live,format=b,file=" + dump, String.valueOf(karaf.pid()));
                    System.out.println("heap dump with the connections open: " + dump);
                }

                for (SSLSocket s : sockets) {
                    s.close();
                }
                sockets.clear();
                awaitEstablished(port, establishedBefore, Duration.ofSeconds(30));
                Thread.sleep(IDLE.toMillis());
                long closed = heapAfterGc(memory);
                int threadsClosed = threads.getThreadCount();
                System.out.printf(Locale.ROOT, "after closing them: heap used after GC %s, Karaf threads %d, "
                        + "listener side ESTABLISHED %d%n", bytes(closed), threadsClosed, established(port) - establishedBefore);

                System.out.println();
                System.out.println("| connections | heap before | heap with idle connections | B per idle connection "
                        + "| heap after closing | threads before / open / closed |");
                System.out.println("|---|---|---|---|---|---|");
                System.out.printf(Locale.ROOT, "| %d | %s | %s | %d | %s | %d / %d / %d |%n", n, bytes(before), bytes(open),
                        (open - before) / n, bytes(closed), threadsBefore, threadsOpen, threadsClosed);
                System.out.printf(Locale.ROOT, "%nper idle connection: (%d - %d) / %d = %d B (%.2f KiB); goal <= 8 KiB: %s%n",
                        open, before, n, (open - before) / n, (open - before) / (double) n / 1024,
                        (open - before) / n <= 8192 ? "met" : "NOT met");
                System.out.printf(Locale.ROOT, "left after closing: %+d B (%+d B per connection opened)%n", closed - before,
                        (closed - before) / n);

                if (histogram) {
                    Map<String, long[]> histoClosed = histogram(karaf.pid());
                    printDifference(histoOpen, histoClosed, n, dir.resolve("histogram-open-minus-closed.txt"));
                }
            }
            karaf.close();
            deleteTree(karaf.home().getParent()); // the unpacked distribution, about 50 MB; kept when the run failed
        } catch (Exception | Error e) {
            System.err.println(karaf.logTail());
            throw e;
        } finally {
            for (SSLSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // ending anyway
                }
            }
            karaf.close();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Full GC over JMX, then heap used: the minimum of 3 (GC, reading) pairs. */
    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            memory.gc();
            memory.gc();
            MemoryUsage heap = memory.getHeapMemoryUsage();
            min = Math.min(min, heap.getUsed());
            Thread.sleep(200);
        }
        return min;
    }

    /** Returns when a mutual-TLS handshake with the client certificate completes on 127.0.0.1:{@code port}. */
    private static void awaitHandshake(int port, ClientTls tls, Duration patience, BooleanSupplier alive)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "nothing tried";
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IOException("Karaf ended before its listener answered on port " + port);
            }
            try {
                tls.connect(port).close();
                return;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IOException("no mutual-TLS handshake on 127.0.0.1:" + port + " within " + patience.toSeconds()
                + " s; last: " + last);
    }

    /** Open: a short read times out (nothing to read, no EOF, no reset). Leaves the socket usable. */
    private static boolean isOpen(SSLSocket s) {
        try {
            s.setSoTimeout(20);
            return s.getInputStream().read() >= 0; // the listener never sends anything unasked; data would be odd
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** TCP connections ESTABLISHED whose local port is {@code port} (the listener's ends), from /proc/net/tcp. */
    private static int established(int port) throws IOException {
        int count = 0;
        for (String file : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(file);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 4 || !f[1].contains(":") || f[0].equals("sl")) {
                    continue;
                }
                int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                if (local == port && f[3].equals("01")) {
                    count++;
                }
            }
        }
        return count;
    }

    private static void awaitEstablished(int port, int expected, Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (established(port) > expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** Runs a tool of this JDK (java.home/bin) and returns its output. */
    private static String jdkTool(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** {@code jmap -histo:live}: class name to {instances, bytes}. */
    private static Map<String, long[]> histogram(long pid) throws IOException, InterruptedException {
        String output = jdkTool("jmap", "-histo:live", String.valueOf(pid));
        Map<String, long[]> classes = new HashMap<>();
        Pattern row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
        {
            for (String line : output.split("\n")) {
                Matcher m = row.matcher(line);
                if (m.matches()) {
                    long[] c = classes.computeIfAbsent(m.group(3), k -> new long[2]);
                    c[0] += Long.parseLong(m.group(1));
                    c[1] += Long.parseLong(m.group(2));
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("jmap -histo:live " + pid + " printed no classes: " + output);
        }
        return classes;
    }

    private static void printDifference(Map<String, long[]> open, Map<String, long[]> closed, int n, Path file)
            throws IOException {
        Set<String> names = new HashSet<>(open.keySet());
        names.addAll(closed.keySet());
        record Row(String name, long count, long bytes) {
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Long> byOrigin = new TreeMap<>();
        long total = 0;
        for (String name : names) {
            long[] o = open.getOrDefault(name, new long[2]);
            long[] c = closed.getOrDefault(name, new long[2]);
            rows.add(new Row(name, o[0] - c[0], o[1] - c[1]));
            total += o[1] - c[1];
            byOrigin.merge(origin(name), o[1] - c[1], Long::sum);
        }
        rows.sort(Comparator.comparingLong((Row r) -> -r.bytes()).thenComparing(Row::name));
        List<String> lines = new ArrayList<>();
        lines.add("class\tinstances\tbytes (open minus closed, " + n + " connections)");
        for (Row r : rows) {
            if (r.count() != 0 || r.bytes() != 0) {
                lines.add(r.name() + "\t" + r.count() + "\t" + r.bytes());
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "%njmap -histo:live of Karaf, connections open minus closed: %+d B in all (%d B per connection);"
                + " every class in %s%n", total, total / n, file);
        System.out.println("| class | instances | bytes | per connection: instances | bytes |");
        System.out.println("|---|---|---|---|---|");
        for (Row r : rows.subList(0, Math.min(HISTOGRAM_TOP, rows.size()))) {
            System.out.printf(Locale.ROOT, "| %s | %+d | %+d | %.2f | %.1f |%n", r.name(), r.count(), r.bytes(),
                    r.count() / (double) n, r.bytes() / (double) n);
        }
        System.out.println("by the class's own package (arrays, strings and collections count as java.*/arrays, "
                + "whoever holds them), bytes per connection:");
        byOrigin.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-28s %8.1f%n", e.getKey(), e.getValue() / (double) n));
    }

    private static String origin(String className) {
        if (className.startsWith("[")) {
            return "arrays";
        }
        for (String prefix : new String[] {"dev.radsec.", "org.apache.mina.", "sun.security.ssl.", "sun.security.",
                "com.sun.crypto.", "javax.crypto.", "java.util.concurrent.", "java.util.", "java.lang."}) {
            if (className.startsWith(prefix)) {
                return prefix + "*";
            }
        }
        return "other";
    }

    private static String bytes(long b) {
        return String.format(Locale.ROOT, "%d B (%.2f MiB)", b, b / 1048576.0);
    }

    private static String mib(long b) {
        return String.format(Locale.ROOT, "%.0f MiB", b / 1048576.0);
    }

    /** The client side: TestPki's client certificate and CA in the JDK's TLS; a new SSLContext per connection. */
    private static final class ClientTls {
        private final KeyManager[] keys;
        private final TrustManager[] trust;

        private ClientTls(KeyManager[] keys, TrustManager[] trust) {
            this.keys = keys;
            this.trust = trust;
        }

        static ClientTls of(TestPki pki) throws Exception {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Certificate[] chain;
            try (InputStream in = Files.newInputStream(pki.client().certificate())) {
                chain = x509.generateCertificates(in).toArray(new Certificate[0]);
            }
            String pem = Files.readString(pki.client().key());
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            char[] password = "bench".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, password, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(pki.caCertificate()))) {
                ts.setCertificateEntry("ca", x509.generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            return new ClientTls(kmf.getKeyManagers(), tmf.getTrustManagers());
        }

        /** A connected socket whose handshake completed; a fresh context so the JDK cannot resume a session. */
        SSLSocket connect(int port) throws IOException {
            SSLContext context;
            try {
                context = SSLContext.getInstance("TLS");
                context.init(keys, trust, new SecureRandom());
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(10_000);
                s.startHandshake();
                s.setSoTimeout(0);
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
    }
}
