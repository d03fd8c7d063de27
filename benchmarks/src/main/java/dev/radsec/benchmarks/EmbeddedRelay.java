package dev.radsec.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.transport.internal.RadiusServerService;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Our relay built from the bundles' classes inside this JVM, without OSGi (mode {@code jvm}): for profiling the
 * relay alone, with this JVM's options. Destination 1 is the RadSec server, with the client certificate of
 * {@link TestPki}.
 */
final class EmbeddedRelay implements RelayUnderTest {
    private final ExecutorScheduler scheduler = new ExecutorScheduler(Clock.systemUTC(), "load-pki");
    private final ExecutorScheduler timer = new ExecutorScheduler(Clock.systemUTC(), "load-timer");
    private final NioFileWatcher watcher = new NioFileWatcher("load-watch");
    private final RadiusClientImpl client;
    private final RadiusServerImpl server;
    private final RelayConfiguration relay;
    private final int port;

    EmbeddedRelay(Path dir, TestPki pki, int radsecPort, String nasSecret) throws Exception {
        CredentialRegistry credentials = new CredentialRegistry(scheduler, watcher, dir);
        credentials.certificateConfigured("c", Map.of("name", "client", "certificate", pki.client().certificate().toString(),
                "private-key", pki.client().key().toString()));
        credentials.trustConfigured("t", Map.of("ca", pki.caCertificate().toString()));
        while (!credentials.certificate("client").isAvailable() || credentials.trustAnchors("default").isEmpty()) {
            Thread.sleep(10);
        }
        client = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
        client.destinationConfigured("d1", Map.of("id", "1", "address", "127.0.0.1", "port", String.valueOf(radsecPort),
                "protocol", RelayLoad.transport(), "tls-certificate", "client", "max-tx-buffers", "3200"));
        server = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
        RelayRegistry relays = new RelayRegistry();
        client.addDynamicRequestHandler(relays, Map.of());
        relay = new RelayConfiguration(new RadiusServerService(server), client, relays);
        relay.apply(new HashMap<>(Map.of("service.pid", "load", "name", "load", "auth-port", "0", "acct-port", "0",
                "secret", nasSecret, "destinations", "1")));
        port = server.localAddress("relay-load-auth").orElseThrow().getPort();
    }

    @Override
    public String name() {
        return "radsec-karaf";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    @Override
    public Optional<ThreadMXBean> threads() {
        return Optional.of((ThreadMXBean) ManagementFactory.getThreadMXBean());
    }

    @Override
    public String toString() {
        return "radsec-karaf in this JVM (mode jvm), 127.0.0.1:" + port;
    }

    @Override
    public void close() {
        relay.remove();
        server.close();
        client.close();
        watcher.close();
        scheduler.close();
        timer.close();
    }
}
