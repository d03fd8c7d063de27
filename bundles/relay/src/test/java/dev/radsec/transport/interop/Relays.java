package dev.radsec.transport.interop;

import dev.radsec.relay.internal.IncomingConfiguration;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import dev.radsec.transport.internal.RadiusClientImpl;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.transport.internal.RadiusServerService;
import java.util.Map;

/** Wires the relay's components in plain Java as Declarative Services wires them in Karaf. */
final class Relays {
    private Relays() {
    }

    /**
     * The registry, registered with the client as its dynamic-request handler and destination state listener (the
     * whiteboards).
     */
    static RelayRegistry registry(RadiusClientImpl client) {
        RelayRegistry registry = new RelayRegistry();
        client.addDynamicRequestHandler(registry, Map.of());
        client.addDestinationStateListener(registry);
        return registry;
    }

    static RelayConfiguration relay(RadiusServerImpl server, RadiusClientImpl client, RelayRegistry registry) {
        return new RelayConfiguration(new RadiusServerService(server), client, registry);
    }

    /** A relay with a registry of its own. */
    static RelayConfiguration relay(RadiusServerImpl server, RadiusClientImpl client) {
        return relay(server, client, registry(client));
    }

    // What the tests' @AfterAll hands to Peers.closeAll, which skips null (never started).

    /** Removing {@code relay}; null when it never started. */
    static AutoCloseable removal(RelayConfiguration relay) {
        return relay == null ? null : relay::remove;
    }

    /** Closing {@code server}; null when it never started. */
    static AutoCloseable closing(RadiusServerImpl server) {
        return server == null ? null : server::close;
    }

    /** Closing {@code client}; null when it never started. */
    static AutoCloseable closing(RadiusClientImpl client) {
        return client == null ? null : client::close;
    }

    static IncomingConfiguration incoming(RadiusServerImpl server) {
        return new IncomingConfiguration(new RadiusServerService(server));
    }
}
