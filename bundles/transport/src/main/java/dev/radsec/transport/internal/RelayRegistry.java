package dev.radsec.transport.internal;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running relays: their counters ({@link RelayMonitor}), and the one router through which every relay takes
 * dynamic requests from RadSec servers, so that with several relays each CoA reaches the relay owning its NAS.
 */
@Component(service = {RelayMonitor.class, RelayRegistry.class})
public final class RelayRegistry implements RelayMonitor, DynamicRequestRouter {
    private static final Logger LOG = LoggerFactory.getLogger(RelayRegistry.class);

    @Reference
    private RadiusServerImpl server;
    @Reference
    private RadiusClient client;
    private final Map<String, RelayHandler> relays = new ConcurrentSkipListMap<>();

    public RelayRegistry() {
    }

    /** Plain-Java use and tests. */
    public RelayRegistry(RadiusServerImpl server, RadiusClient client) {
        this.server = server;
        this.client = client;
        activate();
    }

    @Activate
    void activate() {
        if (client instanceof RadiusClientImpl) {
            ((RadiusClientImpl) client).router(this);
        }
    }

    @Deactivate
    void deactivate() {
        if (client instanceof RadiusClientImpl) {
            ((RadiusClientImpl) client).router(null);
        }
    }

    void add(RelayHandler relay) {
        relays.put(relay.name(), relay);
    }

    void remove(RelayHandler relay) {
        relays.remove(relay.name(), relay);
    }

    @Override
    public CompletionStage<RadiusPacket> route(int destinationId, RadiusPacket request) {
        for (RelayHandler relay : relays.values()) {
            RelayHandler.Nas nas = relay.nasFor(request);
            if (nas != null) {
                return relay.forwardToNas(nas, request);
            }
        }
        LOG.info("{} from destination {} names no NAS of any relay (NAS-IP-Address {}, NAS-Identifier {}): not routable",
                request.code(), destinationId, request.first("NAS-IP-Address").map(Object::toString).orElse("none"),
                request.first("NAS-Identifier").map(Object::toString).orElse("none"));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<RelayStatistics> relays() {
        return relays.values().stream().map(this::statistics).collect(Collectors.toList());
    }

    @Override
    public Optional<RelayStatistics> relay(String name) {
        return Optional.ofNullable(relays.get(name)).map(this::statistics);
    }

    private RelayStatistics statistics(RelayHandler relay) {
        RelaySettings s = relay.settings();
        List<String> listeners = s.protocol == DestinationSettings.Protocol.RADSEC
                ? List.of(RelayConfiguration.listenerName(s, "radsec"))
                : List.of(RelayConfiguration.listenerName(s, "auth"), RelayConfiguration.listenerName(s, "acct"));
        // configured networks first (most specific first), then whatever else was counted, "unknown" last
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (String cidr : s.networks.cidrs()) {
            sums.put(cidr, new long[7]);
        }
        for (String listener : listeners) {
            server.networkCounters(listener).forEach((cidr, c) -> {
                long[] t = sums.computeIfAbsent(cidr, k -> new long[7]);
                t[0] += c.requests.sum();
                t[2] += c.unknownClients.sum();
                t[3] += c.badAuthenticators.sum();
                t[4] += c.duplicates.sum();
                t[6] += c.malformed.sum();
            });
        }
        sums.computeIfAbsent(ClientNetworkStatistics.UNKNOWN, k -> new long[7]);
        sums.put(ClientNetworkStatistics.UNKNOWN, sums.remove(ClientNetworkStatistics.UNKNOWN));
        List<ClientNetworkStatistics> networks = new ArrayList<>();
        sums.forEach((cidr, t) -> {
            RelayHandler.NetworkCounters c = relay.network(cidr);
            networks.add(new ClientNetworkStatistics(cidr, t[0], c.forwarded.sum(), t[2], t[3], t[4],
                    c.noDestination.sum(), t[6]));
        });
        return new RelayStatistics(s.name, listeners, s.destinations, relay.statusServer.sum(), networks);
    }
}
