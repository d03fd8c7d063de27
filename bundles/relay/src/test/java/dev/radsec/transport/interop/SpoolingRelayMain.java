package dev.radsec.transport.interop;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import dev.radsec.transport.AccountingSpoolStatistics;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.transport.internal.RadiusServerService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A relay with an accounting spool in a JVM of its own, built from the bundles' classes without OSGi (as the
 * benchmarks' {@code EmbeddedRelay} does), for a test to kill with SIGKILL: relay {@code acct} takes RADIUS/UDP
 * accounting on a given port and relays it to destination 1, RadSec to a FreeRADIUS port with the test PKI's client
 * certificate, keeping its spool in {@code <spool>/acct/}.
 *
 * <p>Arguments: spool directory, CA certificate, client certificate, client key, RadSec port, accounting port, NAS
 * secret. Prints {@code READY} once it listens, then {@code SPOOL <records> <spooled> <replayed> <duplicates> <torn>
 * <full>} every 200 ms.
 */
public final class SpoolingRelayMain {
    private SpoolingRelayMain() {
    }

    public static void main(String[] args) throws Exception {
        Path spool = Path.of(args[0]);
        ExecutorScheduler pkiScheduler = new ExecutorScheduler(Clock.systemUTC(), "child-pki");
        ExecutorScheduler timer = new ExecutorScheduler(Clock.systemUTC(), "child-timer");
        NioFileWatcher watcher = new NioFileWatcher("child-watch");
        CredentialRegistry credentials = new CredentialRegistry(pkiScheduler, watcher, Path.of(args[1]).getParent());
        credentials.certificateConfigured("c", Map.of("name", "client", "certificate", args[2], "private-key", args[3]));
        credentials.trustConfigured("t", Map.of("ca", args[1]));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!credentials.certificate("client").isAvailable() || credentials.trustAnchors("default").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the PKI did not load");
            }
            Thread.sleep(5);
        }
        RadiusClientImpl client = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
        client.destinationConfigured("d1", Map.of("id", "1", "address", "127.0.0.1", "port", args[4],
                "tls-certificate", "client"));
        RadiusServerImpl server = new RadiusServerImpl(credentials, Dictionary.standard(), timer);
        RelayRegistry registry = Relays.registry(client);
        RelayConfiguration relay = new RelayConfiguration(new RadiusServerService(server), client, registry, spool,
                null);
        relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.acct", "name", "acct", "auth-port", "0",
                "acct-port", args[5], "secret", args[6], "destinations", "1")));
        server.localAddress("relay-acct-acct").orElseThrow(() -> new IllegalStateException("not listening"));
        System.out.println("READY");
        System.out.flush();
        while (true) {
            AccountingSpoolStatistics s = registry.relay("acct").orElseThrow().accountingSpool();
            System.out.println("SPOOL " + s.records() + " " + s.spooled() + " " + s.replayed() + " " + s.duplicates()
                    + " " + s.torn() + " " + s.full());
            System.out.flush();
            Thread.sleep(200);
        }
    }
}
