package dev.radsec.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.radsec.codec.interop.TestPki;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Our relay built from the bundles' classes inside this JVM, without OSGi (mode {@code jvm}): for profiling the
 * relay alone, with this JVM's options. Destination 1 is the RadSec server, with the client certificate of
 * {@link TestPki}.
 */
final class EmbeddedRelay implements RelayUnderTest {
    private final PlainJavaRelay relay;
    private final int port;

    EmbeddedRelay(Path dir, TestPki pki, int radsecPort, String nasSecret) throws Exception {
        relay = new PlainJavaRelay("load", dir, pki);
        relay.client().destinationConfigured("d1", Map.of("id", "1", "address", "127.0.0.1", "port",
                String.valueOf(radsecPort), "protocol", RelayLoad.transport(), "tls-certificate", "client",
                "max-tx-buffers", "3200"));
        relay.relay().apply(new HashMap<>(Map.of("service.pid", "load", "name", "load", "auth-port", "0",
                "acct-port", "0", "secret", nasSecret, "destinations", "1")));
        port = relay.server().localAddress("relay-load-auth").orElseThrow().getPort();
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
        relay.close();
    }
}
