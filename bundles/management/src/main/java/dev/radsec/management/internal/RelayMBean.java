package dev.radsec.management.internal;

import dev.radsec.management.ClientNetworkCounters;
import dev.radsec.management.RelayMXBean;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** {@link RelayMXBean} of the relay {@code name}, over the transport's {@link RelayMonitor}. */
record RelayMBean(String name, RelayMonitor relays) implements RelayMXBean {

    private RelayStatistics statistics() {
        return relays.relay(name).orElse(new RelayStatistics(name, java.util.List.of(), java.util.List.of(), 0,
                java.util.List.of()));
    }

    private long total(ToLongFunction<ClientNetworkStatistics> f) {
        return f.applyAsLong(statistics().total());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String[] getListeners() {
        return statistics().listeners().toArray(new String[0]);
    }

    @Override
    public int[] getDestinations() {
        return statistics().destinations().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public List<ClientNetworkCounters> getNetworks() {
        return statistics().networks().stream().map(ClientNetworkCounters::of).collect(Collectors.toList());
    }

    @Override
    public long getRequests() {
        return total(ClientNetworkStatistics::requests);
    }

    @Override
    public long getForwarded() {
        return total(ClientNetworkStatistics::forwarded);
    }

    @Override
    public long getDroppedUnknownClient() {
        return total(ClientNetworkStatistics::droppedUnknownClient);
    }

    @Override
    public long getBadAuthenticator() {
        return total(ClientNetworkStatistics::badAuthenticator);
    }

    @Override
    public long getDuplicates() {
        return total(ClientNetworkStatistics::duplicates);
    }

    @Override
    public long getNoDestination() {
        return total(ClientNetworkStatistics::noDestination);
    }

    @Override
    public long getMalformed() {
        return total(ClientNetworkStatistics::malformed);
    }

    @Override
    public long getStatusServer() {
        return statistics().statusServer();
    }
}
