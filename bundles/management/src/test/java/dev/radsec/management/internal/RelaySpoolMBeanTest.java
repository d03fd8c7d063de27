package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.management.ObjectNames;
import dev.radsec.management.RelayMXBean;
import dev.radsec.transport.AccountingSpoolStatistics;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** A relay's accounting spool over JMX: its counters as attributes of {@code dev.radsec:type=Relay,name=<name>}. */
class RelaySpoolMBeanTest {

    @Test
    void theSpoolsCountersAreAttributesOfTheRelay() throws Exception {
        RelayStatistics acct = new RelayStatistics("acct", List.of("relay-acct-acct"), List.of(1), 0,
                List.of(new ClientNetworkStatistics("127.0.0.1/32", 10, 4, 0, 0, 0, 6, 0)), "failover", Map.of(),
                new AccountingSpoolStatistics(64L << 20, 5, 1234, 6, 1, 2, 3, 4));
        RelayMonitor monitor = new RelayMonitor() {
            @Override
            public List<RelayStatistics> relays() {
                return List.of(acct);
            }

            @Override
            public Optional<RelayStatistics> relay(String name) {
                return "acct".equals(name) ? Optional.of(acct) : Optional.empty();
            }
        };
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ConfigurationStore nothing = new ConfigurationStore(new MemoryConfigurationAdmin().admin, KeyMetadata.NONE,
                null);
        new MBeanSet<String, RelayMXBean>(server, RelayMXBean.class, ObjectNames::relay,
                name -> RelayMBean.create(name, monitor, nothing)).sync(Set.of("acct", "gone"));
        ObjectName name = ObjectNames.relay("acct");
        Map<String, Long> expected = Map.of("AccountingSpooled", 6L, "AccountingReplayed", 1L,
                "AccountingSpoolFull", 2L, "AccountingDuplicates", 3L, "AccountingTorn", 4L,
                "AccountingSpoolRecords", 5L, "AccountingSpoolBytes", 1234L);
        expected.forEach((attribute, value) -> {
            try {
                assertEquals(value, server.getAttribute(name, attribute), attribute);
                assertEquals(0L, server.getAttribute(ObjectNames.relay("gone"), attribute),
                        "a relay that does not run has no spool");
            } catch (Exception e) {
                throw new AssertionError(attribute, e);
            }
        });
    }
}
