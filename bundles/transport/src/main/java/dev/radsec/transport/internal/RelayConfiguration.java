package dev.radsec.transport.internal;

import dev.radsec.common.UnknownKeyWarnings;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.RadiusClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code dev.radsec.relay} configuration: two UDP listeners for the NAS side (authentication and accounting
 * ports) answered by a {@link RelayHandler} that forwards to RadSec destinations.
 */
@Component(configurationPid = "dev.radsec.relay", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = RelayConfig.class, factory = true)
public final class RelayConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RelayConfiguration.class);
    private static final UnknownKeyWarnings UNKNOWN_KEYS = new UnknownKeyWarnings();

    @Reference
    private RadiusServerImpl server;
    @Reference
    private RadiusClient client;
    @Reference
    private RelayRegistry registry;
    private String pid;
    private RelayHandler handler;

    public RelayConfiguration() {
    }

    /** Plain-Java use and tests: a relay of its own, not sharing dynamic-request routing with others. */
    public RelayConfiguration(RadiusServerImpl server, RadiusClient client) {
        this(server, client, new RelayRegistry(server, client));
    }

    /** Plain-Java use and tests: one of the relays of {@code registry}. */
    public RelayConfiguration(RadiusServerImpl server, RadiusClient client, RelayRegistry registry) {
        this.server = server;
        this.client = client;
        this.registry = registry;
    }

    @Activate
    @Modified
    public void apply(Map<String, Object> properties) {
        String newPid = (String) properties.get("service.pid");
        try {
            RelaySettings s = new RelaySettings(properties);
            UNKNOWN_KEYS.warn(newPid, s.unknownKeys);
            remove();
            pid = newPid;
            handler = new RelayHandler(s, client);
            registry.add(handler);
            if (s.protocol == DestinationSettings.Protocol.RADSEC) {
                // Access points speaking RadSec: one TLS port carries authentication and accounting.
                Map<String, Object> listener = listener(s, "radsec", "radsec", s.port);
                listener.put("tls-certificate", s.tlsCertificate);
                listener.put("tls-trust", s.tlsTrust);
                listener.put("allowed-peer-names", s.allowedPeerNames);
                start(s, "radsec", listener);
            } else {
                start(s, "auth", listener(s, "auth", "udp", s.authPort));
                start(s, "acct", listener(s, "acct", "udp", s.acctPort));
            }
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected, the running one stays: {}", newPid, e.getMessage());
        } catch (IOException e) {
            LOG.error("Configuration {}: cannot listen: {}", newPid, e.getMessage());
        }
    }

    private static Map<String, Object> listener(RelaySettings s, String side, String protocol, int port) {
        Map<String, Object> listener = new HashMap<>();
        listener.put("name", listenerName(s, side));
        listener.put("protocol", protocol);
        listener.put("address", s.listenAddress);
        listener.put("port", String.valueOf(port));
        listener.put("clients", s.clients);
        if (s.secret != null) {
            listener.put("secret", s.secret);
        }
        listener.put("require-message-auth", String.valueOf(s.requireMessageAuth));
        return listener;
    }

    private void start(RelaySettings s, String side, Map<String, Object> listener)
            throws InvalidConfigurationException, IOException {
        server.listenerConfigured(pid + "-" + side, listener);
        server.addHandler(handler, listenerName(s, side), Integer.MAX_VALUE);
    }

    static String listenerName(RelaySettings s, String side) {
        return "relay-" + s.name + "-" + side;
    }

    @Deactivate
    public void remove() {
        if (pid != null) {
            server.listenerRemoved(pid + "-auth");
            server.listenerRemoved(pid + "-acct");
            server.listenerRemoved(pid + "-radsec");
            server.removeHandler(handler);
            registry.remove(handler);
            pid = null;
        }
    }
}
