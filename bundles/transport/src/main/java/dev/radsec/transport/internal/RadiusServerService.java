package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.ClientNetwork;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.ListenerSpec;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RadiusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link RadiusServer} for other bundles: each listener is a listener of {@link RadiusServerImpl} under a PID of
 * its own, validated by the rules of a {@code dev.radsec.listener} configuration.
 */
@Component(service = RadiusServer.class)
public final class RadiusServerService implements RadiusServer {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    @Reference
    private RadiusServerImpl server;

    public RadiusServerService() {
    }

    /** Plain-Java use and tests. */
    public RadiusServerService(RadiusServerImpl server) {
        this.server = server;
    }

    @Override
    public void validate(ListenerSpec spec) throws InvalidConfigurationException {
        ListenerSettings.parse(spec.asConfiguration());
    }

    @Override
    public Listening listen(ListenerSpec spec, RadiusRequestHandler handler, int ranking)
            throws InvalidConfigurationException, IOException {
        Map<String, String> configuration = spec.asConfiguration();
        ListenerSettings settings = ListenerSettings.parse(configuration);
        String pid = "dev.radsec.transport.api-" + SEQUENCE.incrementAndGet();
        server.listenerConfigured(pid, configuration);
        server.addHandler(handler, settings.name, ranking);
        return new Running(server, pid, settings, handler);
    }

    /** A listener opened through the API, under its own PID of {@code server}. */
    private record Running(RadiusServerImpl server, String pid, ListenerSettings settings, RadiusRequestHandler handler)
            implements Listening {

        @Override
        public String name() {
            return settings.name;
        }

        @Override
        public InetSocketAddress localAddress() {
            return server.localAddress(settings.name).orElseThrow(() -> new IllegalStateException(name() + " is closed"));
        }

        @Override
        public List<ClientNetworkStatistics> networks() {
            Map<String, RequestDispatcher.Counters> counted = server.networkCounters(settings.name);
            Map<String, ClientNetworkStatistics> out = new LinkedHashMap<>();
            for (String cidr : settings.clients.cidrs()) {
                out.put(cidr, statistics(cidr, counted.get(cidr)));
            }
            counted.forEach((cidr, c) -> out.putIfAbsent(cidr, statistics(cidr, c)));
            out.remove(ClientNetworkStatistics.UNKNOWN);
            out.put(ClientNetworkStatistics.UNKNOWN, statistics(ClientNetworkStatistics.UNKNOWN,
                    counted.get(ClientNetworkStatistics.UNKNOWN)));
            return new ArrayList<>(out.values());
        }

        private ClientNetworkStatistics statistics(String cidr, RequestDispatcher.Counters c) {
            return c == null ? new ClientNetworkStatistics(cidr, 0, 0, 0, 0, 0, 0, 0)
                    : new ClientNetworkStatistics(cidr, c.requests.sum(), 0, c.unknownClients.sum(),
                            c.badAuthenticators.sum(), c.duplicates.sum(), 0, c.malformed.sum());
        }

        @Override
        public Optional<ClientNetwork> client(InetAddress address) {
            ClientNetworks.Client c = settings.clients.find(address);
            return c == null ? Optional.empty() : Optional.of(new ClientNetwork(c.cidr, c.secret));
        }

        @Override
        public void close() {
            server.listenerRemoved(pid);
            server.removeHandler(handler);
        }
    }
}
