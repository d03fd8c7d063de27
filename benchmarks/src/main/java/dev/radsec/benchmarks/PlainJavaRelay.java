package dev.radsec.benchmarks;

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
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The bundles' PKI, transport and relay classes in this JVM, without OSGi, wired as Declarative Services wires them
 * in Karaf: the relays' registry takes dynamic requests and destination states from the client. The local
 * certificate {@code client} and the default trust store are {@link TestPki}'s. Relays are configured with
 * {@link #relay()}{@code .apply(..)}, destinations with {@link #client()}{@code .destinationConfigured(..)}.
 */
final class PlainJavaRelay implements AutoCloseable {
    private final ExecutorScheduler scheduler;
    private final ExecutorScheduler timer;
    private final NioFileWatcher watcher;
    private final RadiusClientImpl client;
    private final RadiusServerImpl server;
    private final RelayRegistry registry = new RelayRegistry();
    private final RelayConfiguration relay;

    /** @param threads the prefix of its threads' names, to tell them apart in a profile */
    PlainJavaRelay(String threads, Path dir, TestPki pki) throws Exception {
        scheduler = new ExecutorScheduler(Clock.systemUTC(), threads + "-pki");
        timer = new ExecutorScheduler(Clock.systemUTC(), threads + "-timer");
        watcher = new NioFileWatcher(threads + "-watch");
        CredentialRegistry credentials = new CredentialRegistry(scheduler, watcher, dir);
        credentials.certificateConfigured("c", Map.of("name", "client", "certificate",
                pki.client().certificate().toString(), "private-key", pki.client().key().toString()));
        credentials.trustConfigured("t", Map.of("ca", pki.caCertificate().toString()));
        while (!credentials.certificate("client").isAvailable() || credentials.trustAnchors("default").isEmpty()) {
            Thread.sleep(10); // the PKI loads its files on its own thread
        }
        client = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
        server = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
        client.addDynamicRequestHandler(registry, Map.of());
        client.addDestinationStateListener(registry);
        relay = new RelayConfiguration(new RadiusServerService(server), client, registry);
    }

    RadiusClientImpl client() {
        return client;
    }

    RadiusServerImpl server() {
        return server;
    }

    RelayRegistry registry() {
        return registry;
    }

    RelayConfiguration relay() {
        return relay;
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
