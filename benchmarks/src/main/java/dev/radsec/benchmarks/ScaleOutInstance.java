package dev.radsec.benchmarks;

import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One instance of a scaled-out relay: the shipped distribution, configured only through {@code etc/} files written
 * before its first boot, whose relay {@code default} takes RadSec ({@code protocol = radsec}) from the balancer in
 * front and relays it to destination 1, the RadSec server behind. Everything on its own free ports (relay, JMX,
 * ssh, the embedded demo server), so several run side by side on one machine as they would on several.
 *
 * <p>What is written: certificates {@code scale-server} (the {@link TestPki} server certificate, which the balancer
 * checks against 127.0.0.1) and {@code scale-client} (the client certificate the server behind checks), trust store
 * {@code scale} (the test CA), destination 1, and the relay. The rest is as shipped.
 */
final class ScaleOutInstance implements AutoCloseable {
    private final String name;
    private final KarafDistribution karaf;
    private final int radsecPort;

    private ScaleOutInstance(String name, KarafDistribution karaf, int radsecPort) {
        this.name = name;
        this.karaf = karaf;
        this.radsecPort = radsecPort;
    }

    /** Unpacks and configures {@code tarball} in {@code dir}, and starts it; it is ready once it relays a request. */
    static ScaleOutInstance start(String name, Path tarball, Path dir, TestPki pki, int serverRadsecPort) throws Exception {
        KarafDistribution karaf = KarafDistribution.unpack(tarball, dir);
        int radsecPort = FreeRadiusProcess.freeTcpPort();
        karaf.configure("dev.radsec.pki.certificate-scale-server.cfg", Map.of(
                "certificate", pki.server().certificate().toString(), "private-key", pki.server().key().toString()));
        karaf.configure("dev.radsec.pki.certificate-scale-client.cfg", Map.of(
                "certificate", pki.client().certificate().toString(), "private-key", pki.client().key().toString()));
        karaf.configure("dev.radsec.pki.trust-scale.cfg", Map.of("ca", pki.caCertificate().toString()));
        karaf.configure("dev.radsec.destination-1.cfg", Map.of("id", "1", "address", "127.0.0.1",
                "port", String.valueOf(serverRadsecPort), "tls-certificate", "scale-client", "tls-trust", "scale",
                "max-tx-buffers", "3200"));
        karaf.configure("dev.radsec.relay-default.cfg", Map.of("protocol", "radsec", "port", String.valueOf(radsecPort),
                "tls-certificate", "scale-server", "tls-trust", "scale", "secret", "radsec",
                // the UDP ports are unused with protocol radsec; moved anyway, so no two instances name the same one
                "auth-port", String.valueOf(FreeRadiusProcess.freeUdpPort()),
                "acct-port", String.valueOf(FreeRadiusProcess.freeUdpPort())));
        karaf.configure("dev.radsec.listener-server.cfg", Map.of("port", String.valueOf(FreeRadiusProcess.freeTcpPort())));
        karaf.configure("org.apache.karaf.management.cfg", Map.of(
                "rmiRegistryPort", String.valueOf(FreeRadiusProcess.freeTcpPort()),
                "rmiServerPort", String.valueOf(FreeRadiusProcess.freeTcpPort())));
        karaf.configure("org.apache.karaf.shell.cfg", Map.of("sshPort", String.valueOf(FreeRadiusProcess.freeTcpPort()),
                "sshHost", "127.0.0.1"));
        karaf.start();
        return new ScaleOutInstance(name, karaf, radsecPort);
    }

    String name() {
        return name;
    }

    /** The RadSec port the balancer connects to. */
    int radsecPort() {
        return radsecPort;
    }

    long pid() {
        return karaf.pid();
    }

    boolean isAlive() {
        return karaf.isAlive();
    }

    /** {@code kill -9}: the instance ends with whatever it had in flight. */
    void kill() throws InterruptedException {
        karaf.kill();
    }

    /** Starts the same installation again, as after a crash. */
    void restart() throws IOException, InterruptedException {
        karaf.start();
    }

    String logTail() {
        return karaf.logTail();
    }

    @Override
    public String toString() {
        return name + ": distribution " + karaf.home() + " (pid " + karaf.pid() + "), RadSec on 127.0.0.1:" + radsecPort;
    }

    @Override
    public void close() throws Exception {
        karaf.close();
    }
}
