package dev.radsec.management.internal;

import dev.radsec.management.ClientNetworkCounters;
import dev.radsec.management.RelayMXBean;
import dev.radsec.transport.AccountingSpoolStatistics;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * {@link RelayMXBean} of the relay {@code name}: its counters over the transport's {@link RelayMonitor} here, its
 * settings from its configuration ({@link ConfiguredMBean}).
 */
record RelayMBean(String name, RelayMonitor relays) {

    static RelayMXBean create(String name, RelayMonitor relays, ConfigurationStore store) {
        return ConfiguredMBean.create(RelayMXBean.class, new RelayMBean(name, relays), store, ConfigurationKind.RELAY,
                name);
    }

    /** The JMX descriptions of the settings: their keys' metatype. */
    static java.util.function.Function<String, String> descriptions(ConfigurationStore store) {
        return ConfiguredMBean.descriptions(RelayMXBean.class, RelayMBean.class, store, ConfigurationKind.RELAY);
    }

    private RelayStatistics statistics() {
        return relays.relay(name).orElse(new RelayStatistics(name, java.util.List.of(), java.util.List.of(), 0,
                java.util.List.of()));
    }

    private long total(ToLongFunction<ClientNetworkStatistics> f) {
        return f.applyAsLong(statistics().total());
    }

    public String getName() {
        return name;
    }

    public String[] getListeners() {
        return statistics().listeners().toArray(new String[0]);
    }

    public int[] getDestinations() {
        return statistics().destinations().stream().mapToInt(Integer::intValue).toArray();
    }

    public List<ClientNetworkCounters> getNetworks() {
        return statistics().networks().stream().map(ClientNetworkCounters::of).collect(Collectors.toList());
    }

    public long getRequests() {
        return total(ClientNetworkStatistics::requests);
    }

    public long getForwarded() {
        return total(ClientNetworkStatistics::forwarded);
    }

    public long getDroppedUnknownClient() {
        return total(ClientNetworkStatistics::droppedUnknownClient);
    }

    public long getBadAuthenticator() {
        return total(ClientNetworkStatistics::badAuthenticator);
    }

    public long getDuplicates() {
        return total(ClientNetworkStatistics::duplicates);
    }

    public long getNoDestination() {
        return total(ClientNetworkStatistics::noDestination);
    }

    public long getMalformed() {
        return total(ClientNetworkStatistics::malformed);
    }

    public long getStatusServer() {
        return statistics().statusServer();
    }

    public java.util.Map<Integer, Long> getShares() {
        return statistics().shares();
    }

    private AccountingSpoolStatistics spool() {
        return statistics().accountingSpool();
    }

    public long getAccountingSpooled() {
        return spool().spooled();
    }

    public long getAccountingReplayed() {
        return spool().replayed();
    }

    public long getAccountingSpoolFull() {
        return spool().full();
    }

    public long getAccountingDuplicates() {
        return spool().duplicates();
    }

    public long getAccountingTorn() {
        return spool().torn();
    }

    public long getAccountingSpoolRecords() {
        return spool().records();
    }

    public long getAccountingSpoolBytes() {
        return spool().bytes();
    }
}
