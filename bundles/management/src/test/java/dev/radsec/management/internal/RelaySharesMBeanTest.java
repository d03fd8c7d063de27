package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.management.ObjectNames;
import dev.radsec.management.RelayMXBean;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/** JMX {@code Shares} of a relay: requests per destination id, as an open type a remote JConsole shows. */
class RelaySharesMBeanTest {

    @Test
    void sharesAreATableOfDestinationIdAndRequests() throws Exception {
        Map<Integer, Long> shares = new LinkedHashMap<>(Map.of(11, 1051L, 12, 949L, 13, 1000L));
        RelayStatistics lb = new RelayStatistics("lb", List.of("relay-lb-auth"), List.of(11, 12, 13), 0,
                List.of(new ClientNetworkStatistics("127.0.0.1/32", 3000, 3000, 0, 0, 0, 0, 0)), "keyed", shares);
        RelayMonitor monitor = new RelayMonitor() {
            @Override
            public List<RelayStatistics> relays() {
                return List.of(lb);
            }

            @Override
            public Optional<RelayStatistics> relay(String name) {
                return "lb".equals(name) ? Optional.of(lb) : Optional.empty();
            }
        };
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ConfigurationStore nothing = new ConfigurationStore(new MemoryConfigurationAdmin().admin, KeyMetadata.NONE,
                null);
        new MBeanSet<String, RelayMXBean>(server, RelayMXBean.class, ObjectNames::relay,
                name -> RelayMBean.create(name, monitor, nothing)).sync(Set.of("lb"));
        ObjectName name = ObjectNames.relay("lb");
        TabularData table = (TabularData) server.getAttribute(name, "Shares");
        Map<Integer, Long> read = new TreeMap<>();
        for (Object row : table.values()) {
            CompositeData r = (CompositeData) row;
            read.put((Integer) r.get("key"), (Long) r.get("value"));
        }
        assertEquals(shares, read);
        assertEquals(shares, JMX.newMXBeanProxy(server, name, RelayMXBean.class).getShares());
    }
}
