package dev.radsec.relay.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.UnknownKeyWarnings;
import dev.radsec.transport.ListenerSpec;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RadiusServer;
import dev.radsec.common.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code dev.radsec.relay} configuration: the NAS-side listeners (authentication and accounting ports, or one
 * RadSec port for access points) answered by a {@link RelayHandler} that forwards to destinations.
 */
@Component(configurationPid = "dev.radsec.relay", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = RelayConfig.class, factory = true)
public final class RelayConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RelayConfiguration.class);
    private static final UnknownKeyWarnings UNKNOWN_KEYS = new UnknownKeyWarnings();

    @Reference
    private RadiusServer server;
    @Reference
    private RadiusClient client;
    @Reference
    private RelayRegistry registry;
    /** The rewrites relays and destinations name. */
    @Reference
    private RewriteRegistry rewrites;
    /** What {@code balance-key} names must be in; the bundled dictionary until the transport's is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RadiusDictionary dictionary;
    private RelayHandler handler;
    /** Where relays keep their accounting spools ({@code <dir>/<relay>/}); null: no spool. */
    private Path spoolDirectory;
    /** Where the spools write and replay; null: a thread of their own. */
    private Scheduler spoolScheduler;
    /** The relay's spools: kept across reconfigurations that keep its name. */
    private AccountingSpools spools;

    public RelayConfiguration() {
    }

    /** Plain-Java use and tests: one of the relays of {@code registry}, without an accounting spool. */
    public RelayConfiguration(RadiusServer server, RadiusClient client, RelayRegistry registry) {
        this(server, client, registry, null, null);
    }

    /**
     * Plain-Java use and tests: one of the relays of {@code registry}, keeping its accounting spool in
     * {@code spoolDirectory/<relay name>/}.
     *
     * @param spoolScheduler where the spool writes and replays, one task at a time; null: a thread of its own
     */
    public RelayConfiguration(RadiusServer server, RadiusClient client, RelayRegistry registry, Path spoolDirectory,
                              Scheduler spoolScheduler) {
        this(server, client, registry, spoolDirectory, spoolScheduler, new RewriteRegistry());
    }

    /**
     * Plain-Java use and tests: as {@link #RelayConfiguration(RadiusServer, RadiusClient, RelayRegistry, Path,
     * Scheduler)}, with the rewrites its keys and its destinations' name in {@code rewrites}.
     */
    public RelayConfiguration(RadiusServer server, RadiusClient client, RelayRegistry registry, Path spoolDirectory,
                              Scheduler spoolScheduler, RewriteRegistry rewrites) {
        this.rewrites = rewrites;
        this.server = server;
        this.client = client;
        this.registry = registry;
        this.spoolDirectory = spoolDirectory;
        this.spoolScheduler = spoolScheduler;
    }

    /** In Karaf, spools go under {@code ${karaf.data}/radsec/spool}; elsewhere into the bundle's data area. */
    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        String data = context.getProperty("karaf.data");
        if (data != null && !data.isBlank()) {
            spoolDirectory = Path.of(data, "radsec", "spool");
        } else {
            java.io.File area = context.getDataFile("spool");
            spoolDirectory = area == null ? null : area.toPath();
        }
        if (spoolDirectory == null) {
            LOG.warn("No data directory (karaf.data, or the bundle's data area): relays keep no accounting spool");
        }
        apply(properties);
    }

    @Modified
    public void apply(Map<String, Object> properties) {
        Object pid = properties.get("service.pid");
        try {
            RelaySettings s = new RelaySettings(properties, dictionary(dictionary));
            UNKNOWN_KEYS.warn(String.valueOf(pid), s.unknownKeys);
            List<Port> ports = ports(s);
            for (Port port : ports) {
                server.validate(port.spec); // refuse before the running relay is touched
            }
            stop();
            AccountingSpools spool = spools(s);
            RelayHandler relay = new RelayHandler(s, client, registry.states(), spool, rewrites);
            if (spool != null) {
                spool.forwarder(relay::replay);
            }
            List<RadiusServer.Listening> opened = new ArrayList<>();
            handler = relay;
            registry.add(relay);
            for (Port port : ports) {
                opened.add(server.listen(port.spec, (context, request) -> relay.handle(context, request,
                        port.accounting), Integer.MAX_VALUE));
                relay.listening(opened);
            }
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected, the running one stays: {}", pid, e.getMessage());
        } catch (IOException e) {
            LOG.error("Configuration {}: cannot listen: {}", pid, e.getMessage());
        }
    }

    /** The dictionary in effect, or the bundled one without the transport's service. */
    static Dictionary dictionary(RadiusDictionary service) {
        return service == null ? Dictionary.standard() : service.current();
    }

    /** A listener of the relay, and whether it is an accounting port (RFC 5997 section 4 answers differ). */
    record Port(ListenerSpec spec, boolean accounting) {
    }

    /** The relay's listeners: {@code relay-<name>-auth} and {@code -acct}, or {@code relay-<name>-radsec} or {@code -dtls}. */
    static List<Port> ports(RelaySettings s) {
        if (s.radsec) {
            // Access points speaking RadSec: one TLS port carries authentication and accounting.
            ListenerSpec.Builder b = s.dtls ? ListenerSpec.dtls("relay-" + s.name + "-dtls").mtu(s.mtu)
                    : ListenerSpec.radsec("relay-" + s.name + "-radsec");
            return List.of(new Port(common(b, s).port(s.port)
                    .tlsCertificate(s.tlsCertificate).tlsPsk(s.tlsPsk).tlsTrust(s.tlsTrust).allowedPeerNames(s.allowedPeerNames)
                    .tlsTimeout(s.tlsTimeout).build(), false));
        }
        return List.of(new Port(common(ListenerSpec.udp("relay-" + s.name + "-auth"), s).port(s.authPort).build(), false),
                new Port(common(ListenerSpec.udp("relay-" + s.name + "-acct"), s).port(s.acctPort).build(), true));
    }

    private static ListenerSpec.Builder common(ListenerSpec.Builder b, RelaySettings s) {
        return b.address(s.listenAddress).clients(s.clients).secret(s.secret).requireMessageAuth(s.requireMessageAuth);
    }

    /**
     * The spools of relay {@code s.name}: the running ones when the name stays (what waits is sent the new way),
     * else those found in its directory; null without a spool directory.
     */
    private AccountingSpools spools(RelaySettings s) {
        if (spoolDirectory == null) {
            return null;
        }
        Path dir = spoolDirectory.resolve(AccountingSpools.directoryName(s.name));
        if (spools != null && !spools.directory().equals(dir)) {
            spools.close();
            spools = null;
        }
        if (spools == null) {
            spools = new AccountingSpools(s.name, dir, bytes(s.accountingSpoolMax), spoolScheduler,
                    () -> dictionary(dictionary));
        } else {
            spools.maxBytes(bytes(s.accountingSpoolMax));
        }
        return spools;
    }

    private static long bytes(int mebibytes) {
        return mebibytes * 1048576L;
    }

    /** Closes the relay's ports; its spools stay for the next configuration. */
    private void stop() {
        RelayHandler h = handler;
        if (h != null) {
            h.listening().forEach(RadiusServer.Listening::close);
            registry.remove(h);
            handler = null;
        }
    }

    @Deactivate
    public void remove() {
        stop();
        if (spools != null) {
            spools.close(); // what waits stays on disk for the next start
            spools = null;
        }
    }
}
