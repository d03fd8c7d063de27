package dev.radsec.relay.internal;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.DestinationStateListener;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DynamicRequestHandler;
import dev.radsec.transport.RadiusServer;
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
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running relays: their counters ({@link RelayMonitor}), the one {@link DynamicRequestHandler} through which
 * every relay takes dynamic requests from RadSec servers, so that with several relays each CoA reaches the relay
 * owning its NAS, and the one {@link DestinationStateListener} that tells balancing relays which destinations are
 * down.
 */
@Component(service = {RelayMonitor.class, DynamicRequestHandler.class, DestinationStateListener.class,
        RelayRegistry.class})
public final class RelayRegistry implements RelayMonitor, DynamicRequestHandler, DestinationStateListener {
    private static final Logger LOG = LoggerFactory.getLogger(RelayRegistry.class);

    private final Map<String, RelayHandler> relays = new ConcurrentSkipListMap<>();
    /** What balancing relays know of their destinations: the transport tells each change of state here. */
    private final DestinationStates states = new DestinationStates();

    DestinationStates states() {
        return states;
    }

    @Override
    public void stateChanged(int destinationId, DestinationStatistics.State previous,
                             DestinationStatistics.State current, String reason) {
        states.stateChanged(destinationId, previous, current, reason);
        if (current == DestinationStatistics.State.UP || current == DestinationStatistics.State.IDLE) {
            // accounting waiting in a spool goes now, not at its next retry
            relays.values().forEach(RelayHandler::destinationUp);
        }
    }

    void add(RelayHandler relay) {
        relays.put(relay.name(), relay);
    }

    void remove(RelayHandler relay) {
        relays.remove(relay.name(), relay);
    }

    @Override
    public CompletionStage<RadiusPacket> handle(int destinationId, RadiusPacket request) {
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
        return relays.values().stream().map(RelayRegistry::statistics).collect(Collectors.toList());
    }

    @Override
    public Optional<RelayStatistics> relay(String name) {
        return Optional.ofNullable(relays.get(name)).map(RelayRegistry::statistics);
    }

    /** The listeners' counters per network, summed over the relay's listeners, with the relay's own added. */
    private static RelayStatistics statistics(RelayHandler relay) {
        Map<String, ClientNetworkStatistics> sums = new LinkedHashMap<>();
        List<String> listeners = new ArrayList<>();
        for (RadiusServer.Listening l : relay.listening()) {
            listeners.add(l.name());
            for (ClientNetworkStatistics n : l.networks()) {
                sums.merge(n.network(), n, RelayRegistry::sum);
            }
        }
        // "unknown" last, as every listener lists it
        ClientNetworkStatistics unknown = sums.remove(ClientNetworkStatistics.UNKNOWN);
        if (unknown != null) {
            sums.put(ClientNetworkStatistics.UNKNOWN, unknown);
        }
        List<ClientNetworkStatistics> networks = new ArrayList<>();
        sums.forEach((cidr, n) -> {
            RelayHandler.NetworkCounters c = relay.network(cidr);
            networks.add(new ClientNetworkStatistics(cidr, n.requests(), c.forwarded.sum(), n.droppedUnknownClient(),
                    n.badAuthenticator(), n.duplicates(), c.noDestination.sum(), n.malformed()));
        });
        return new RelayStatistics(relay.name(), listeners, relay.settings().destinations, relay.statusServer.sum(),
                networks, relay.settings().balance.toString(), relay.shares(), relay.spoolStatistics());
    }

    private static ClientNetworkStatistics sum(ClientNetworkStatistics a, ClientNetworkStatistics b) {
        return new ClientNetworkStatistics(a.network(), a.requests() + b.requests(), a.forwarded() + b.forwarded(),
                a.droppedUnknownClient() + b.droppedUnknownClient(), a.badAuthenticator() + b.badAuthenticator(),
                a.duplicates() + b.duplicates(), a.noDestination() + b.noDestination(), a.malformed() + b.malformed());
    }
}
