package dev.radsec.benchmarks;

import com.sun.management.ThreadMXBean;
import java.lang.management.MemoryMXBean;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Our relay as an operator runs it (mode {@code distribution}): the shipped distribution, configured only through
 * its {@code etc/} files, started with {@code bin/karaf server}, read over Karaf's remote JMX.
 *
 * What is written before the first boot: a certificate {@code load} and a trust store {@code load} (the
 * {@link TestPki} client certificate and CA); destination 1 pointed at the RadSec server (as its shipped comment
 * tells operators); relay {@code default} on free ports with the NAS secret, to destination 1; the ports the
 * distribution would otherwise take on 127.0.0.1 (JMX 1099/44444, ssh 8101, the embedded RadSec server's 2083)
 * moved to free ones, so a run does not collide with another Karaf on the machine. Everything else is as shipped,
 * including {@code require-message-auth = true} (the load generator signs its requests).
 *
 * {@code -Drelayload.java-options=..} (and {@code relayload.baseline.java-options} for {@value #BEFORE}) adds JVM
 * options after the shipped {@code bin/setenv}'s, to measure one before shipping it: the baseline tarball may be the
 * same one.
 *
 * Two of them can run side by side ({@code -Drelayload.baseline}: the relay {@value #BEFORE} from an older tarball),
 * each unpacked in its own directory, on its own free ports.
 */
final class DistributionRelay implements RelayUnderTest {
    /** The name of our relay from the distribution being measured. */
    static final String OURS = "radsec-karaf";
    /** The name of our relay from the {@code relayload.baseline} tarball. */
    static final String BEFORE = "radsec-karaf (before)";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private final String name;
    private final KarafDistribution karaf;
    private final int port;
    private final JMXConnector jmx;
    private final ThreadMXBean threads;
    private final MemoryMXBean memory;
    private int failoverPort;
    private int serverPort;

    private DistributionRelay(String name, KarafDistribution karaf, int port, JMXConnector jmx) throws IOException {
        this.name = name;
        this.karaf = karaf;
        this.port = port;
        this.jmx = jmx;
        this.threads = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        this.memory = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
                ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    }

    /**
     * Unpacks {@code tarball} under {@code dir} (a directory of its own), configures, boots it and waits until the relay
     * answers; {@code name} is its name in the tables.
     */
    static DistributionRelay start(String name, Path tarball, Path dir, TestPki pki, int radsecPort, String nasSecret)
            throws Exception {
        return start(name, tarball, dir, pki, List.of(radsecPort), nasSecret);
    }

    /**
     * {@link #start(String, Path, Path, TestPki, int, String)} with destinations 1, 2, .. on {@code radsecPorts}:
     * relay {@code default} sends to destination 1 alone; with more than one port, relay {@code failover} on
     * {@link #failoverPort()} sends to all of them in order (the default {@code balance = failover}).
     */
    static DistributionRelay start(String name, Path tarball, Path dir, TestPki pki, List<Integer> radsecPorts,
                                   String nasSecret) throws Exception {
        KarafDistribution karaf = KarafDistribution.unpack(tarball, dir);
        try {
            int authPort = FreeRadiusProcess.freeUdpPort();
            int registryPort = FreeRadiusProcess.freeTcpPort();
            int rmiPort = FreeRadiusProcess.freeTcpPort();
            karaf.configure("dev.radsec.pki.certificate-load.cfg", Map.of("certificate", pki.client().certificate().toString(),
                    "private-key", pki.client().key().toString()));
            karaf.configure("dev.radsec.pki.trust-load.cfg", Map.of("ca", pki.caCertificate().toString()));
            for (int i = 0; i < radsecPorts.size(); i++) {
                karaf.configure("dev.radsec.destination-" + (i + 1) + ".cfg", Map.of("id", String.valueOf(i + 1),
                        "address", "127.0.0.1", "protocol", RelayLoad.transport(), "port", String.valueOf(radsecPorts.get(i)),
                        "tls-certificate", "load", "tls-trust", "load", "max-tx-buffers", "3200")); // as mode jvm
            }
            karaf.configure("dev.radsec.relay-default.cfg", Map.of("auth-port", String.valueOf(authPort),
                    "acct-port", String.valueOf(FreeRadiusProcess.freeUdpPort()), "secret", nasSecret, "destinations", "1"));
            int failoverPort = 0;
            if (radsecPorts.size() > 1) {
                failoverPort = FreeRadiusProcess.freeUdpPort();
                karaf.configure("dev.radsec.relay-failover.cfg", Map.of("listen-address", "127.0.0.1",
                        "auth-port", String.valueOf(failoverPort), "acct-port", String.valueOf(FreeRadiusProcess.freeUdpPort()),
                        "secret", nasSecret, "require-message-auth", "true", "destinations",
                        java.util.stream.IntStream.rangeClosed(1, radsecPorts.size()).mapToObj(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(", "))));
            }
            // the embedded demo server's RadSec listener, with the test PKI, so a client of the benchmark can reach it
            int serverPort = FreeRadiusProcess.freeTcpPort();
            karaf.configure("dev.radsec.pki.certificate-load-server.cfg", Map.of("certificate",
                    pki.server().certificate().toString(), "private-key", pki.server().key().toString()));
            karaf.configure("dev.radsec.listener-server.cfg", Map.of("port", String.valueOf(serverPort),
                    "tls-certificate", "load-server", "tls-trust", "load"));
            karaf.configure("org.apache.karaf.management.cfg", Map.of("rmiRegistryPort", String.valueOf(registryPort),
                    "rmiServerPort", String.valueOf(rmiPort)));
            karaf.configure("org.apache.karaf.shell.cfg", Map.of("sshPort", String.valueOf(FreeRadiusProcess.freeTcpPort()),
                    "sshHost", "127.0.0.1"));
            String javaOptions = System.getProperty(name.equals(OURS) ? "relayload.java-options"
                    : "relayload.baseline.java-options", "");
            if (!javaOptions.isBlank()) {
                karaf.addJavaOptions(javaOptions);
            }
            karaf.start();
            try {
                RelayProbe.awaitAccept(authPort, nasSecret, BOOT, karaf::isAlive);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "\n" + karaf.logTail(), e);
            }
            // users.properties as shipped: karaf/karaf is an administrator, whom jmx.acl lets invoke operations
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + rmiPort + "/jndi/rmi://127.0.0.1:"
                    + registryPort + "/karaf-root");
            DistributionRelay relay = new DistributionRelay(name, karaf, authPort,
                    JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"})));
            relay.failoverPort = failoverPort;
            relay.serverPort = serverPort;
            if (failoverPort != 0) {
                RelayProbe.awaitAccept(failoverPort, nasSecret, BOOT, karaf::isAlive);
            }
            return relay;
        } catch (Exception | Error e) {
            try {
                karaf.close();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw e;
        }
    }

    /** The tarball {@code mvn install} builds: {@code relayload.distribution}, else the one in assembly/target. */
    static Path tarball() throws IOException {
        String configured = System.getProperty("relayload.distribution");
        if (configured != null) {
            return Path.of(configured);
        }
        Path target = Path.of("assembly/target");
        try (Stream<Path> found = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return found.filter(p -> p.getFileName().toString().matches("radsec-assembly-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new IOException("no " + target.toAbsolutePath()
                            + "/radsec-assembly-*.tar.gz: run mvn install -DskipTests from the repository root first,"
                            + " or give -Drelayload.distribution=<tar.gz>"));
        }
    }

    /** The tarball of {@code relayload.baseline} (the relay {@value #BEFORE}), or null when not given. */
    static Path baseline() throws IOException {
        String configured = System.getProperty("relayload.baseline", "");
        if (configured.isBlank()) {
            return null;
        }
        Path tarball = Path.of(configured);
        if (!Files.isRegularFile(tarball)) {
            throw new IOException("relayload.baseline: no file " + tarball.toAbsolutePath());
        }
        return tarball;
    }

    /** The UDP port of relay {@code failover} (destinations 1, 2, .. in order); 0 when started with one port. */
    int failoverPort() {
        return failoverPort;
    }

    /** The RadSec port of the embedded demo server's listener {@code server} (test PKI certificate and trust). */
    int serverPort() {
        return serverPort;
    }

    /** An attribute of one of our MBeans, e.g. {@code ("type=Listener,name=server", "TlsRefused")}. */
    Object attribute(String keys, String attribute) throws Exception {
        return jmx.getMBeanServerConnection().getAttribute(new javax.management.ObjectName("dev.radsec:" + keys), attribute);
    }

    /** Writes an attribute of one of our MBeans, as an operator in JConsole does. */
    void setAttribute(String keys, String attribute, Object value) throws Exception {
        jmx.getMBeanServerConnection().setAttribute(new javax.management.ObjectName("dev.radsec:" + keys),
                new javax.management.Attribute(attribute, value));
    }

    /** The installation, e.g. to write {@code etc/} files while it runs. */
    KarafDistribution karaf() {
        return karaf;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return karaf.pid();
    }

    @Override
    public boolean isAlive() {
        return karaf.isAlive();
    }

    @Override
    public Optional<ThreadMXBean> threads() {
        return Optional.of(threads);
    }

    @Override
    public Optional<MemoryMXBean> memory() {
        return Optional.of(memory);
    }

    @Override
    public String toString() {
        String javaOptions = System.getProperty(name.equals(OURS) ? "relayload.java-options"
                : "relayload.baseline.java-options", "");
        return name + ": distribution " + karaf.home() + (javaOptions.isBlank() ? "" : " with " + javaOptions) + " (pid " + karaf.pid() + "), relay on 127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        try {
            jmx.close();
        } finally {
            karaf.close();
        }
    }
}
