package dev.radsec.relay.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.UnknownKeyWarnings;
import dev.radsec.transport.ListenerSpec;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RadiusServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** What {@code balance-key} names must be in; the bundled dictionary until the transport's is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RadiusDictionary dictionary;
    private RelayHandler handler;

    public RelayConfiguration() {
    }

    /** Plain-Java use and tests: one of the relays of {@code registry}. */
    public RelayConfiguration(RadiusServer server, RadiusClient client, RelayRegistry registry) {
        this.server = server;
        this.client = client;
        this.registry = registry;
    }

    @Activate
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
            remove();
            RelayHandler relay = new RelayHandler(s, client, registry.states());
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

    @Deactivate
    public void remove() {
        RelayHandler h = handler;
        if (h != null) {
            h.listening().forEach(RadiusServer.Listening::close);
            registry.remove(h);
            handler = null;
        }
    }
}
