package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.management.CertificateMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.ListenerMXBean;
import dev.radsec.management.RelayMXBean;
import dev.radsec.transport.ListenerStatistics;
import java.util.Map;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/** The MXBeans in a plain MBeanServer: open types only (what a remote JConsole can show), and their values. */
class MBeansTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    /** No configurations: the MBeans' settings read empty. */
    private static final ConfigurationStore NOTHING_CONFIGURED =
            new ConfigurationStore(new MemoryConfigurationAdmin().admin, KeyMetadata.NONE, null);

    private static RelayMonitor oneRelay() {
        RelayStatistics relay = new RelayStatistics("default", List.of("relay-default-auth", "relay-default-acct"),
                List.of(1, 2), 4, List.of(
                        new ClientNetworkStatistics("10.0.0.0/8", 10, 9, 0, 1, 2, 1, 0),
                        new ClientNetworkStatistics("127.0.0.1/32", 5, 5, 0, 0, 0, 0, 1),
                        new ClientNetworkStatistics(ClientNetworkStatistics.UNKNOWN, 0, 0, 7, 0, 0, 0, 0)));
        return new RelayMonitor() {
            @Override
            public List<RelayStatistics> relays() {
                return List.of(relay);
            }

            @Override
            public Optional<RelayStatistics> relay(String name) {
                return "default".equals(name) ? Optional.of(relay) : Optional.empty();
            }
        };
    }

    @Test
    void aRelayShowsOneRowPerClientNetworkAndTheTotals() throws Exception {
        MBeanSet<String, RelayMXBean> set = new MBeanSet<>(server, RelayMXBean.class, ObjectNames::relay,
                name -> RelayMBean.create(name, oneRelay(), NOTHING_CONFIGURED));
        set.sync(Set.of("default"));
        ObjectName name = new ObjectName("dev.radsec:type=Relay,name=default");
        assertTrue(server.isRegistered(name));
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            // what a remote JConsole needs: every attribute mapped to an open type, no class of ours
            assertTrue(a.getDescriptor().getFieldValue("openType") != null, a.getName() + " is not an open type");
        }
        CompositeData[] networks = (CompositeData[]) server.getAttribute(name, "Networks");
        assertEquals(3, networks.length);
        CompositeData ten = networks[0];
        assertEquals("10.0.0.0/8", ten.get("network"));
        assertEquals(10L, ten.get("requests"));
        assertEquals(9L, ten.get("forwarded"));
        assertEquals(1L, ten.get("badAuthenticator"));
        assertEquals(2L, ten.get("duplicates"));
        assertEquals(1L, ten.get("noDestination"));
        assertEquals("unknown", networks[2].get("network"));
        assertEquals(7L, networks[2].get("droppedUnknownClient"));
        assertEquals(15L, server.getAttribute(name, "Requests"));
        assertEquals(14L, server.getAttribute(name, "Forwarded"));
        assertEquals(7L, server.getAttribute(name, "DroppedUnknownClient"));
        assertEquals(4L, server.getAttribute(name, "StatusServer"));
        assertEquals(List.of(1, 2), java.util.Arrays.stream((int[]) server.getAttribute(name, "Destinations")).boxed()
                .collect(java.util.stream.Collectors.toList()));

        set.sync(Set.of());
        assertFalse(server.isRegistered(name), "a relay that is gone is unregistered");
    }

    @Test
    void aDtlsListenerShowsItsCountersAndItsCookieExchange() throws Exception {
        ListenerStatistics stats = new ListenerStatistics("relay-aps-dtls", 12, 11, 1, 0, 0, 2, 1, Map.of(), Map.of(),
                3, new ListenerStatistics.Dtls(4, 5, 6, 7, 8, 9));
        dev.radsec.transport.ListenerMonitor monitor = new dev.radsec.transport.ListenerMonitor() {
            @Override
            public List<String> listeners() {
                return List.of("relay-aps-dtls");
            }

            @Override
            public Optional<ListenerStatistics> statistics(String listenerName) {
                return "relay-aps-dtls".equals(listenerName) ? Optional.of(stats) : Optional.empty();
            }
        };
        MBeanSet<String, ListenerMXBean> set = new MBeanSet<>(server, ListenerMXBean.class, ObjectNames::listener,
                name -> ListenerMBean.create(name, monitor, NOTHING_CONFIGURED));
        set.sync(Set.of("relay-aps-dtls"));
        ObjectName name = new ObjectName("dev.radsec:type=Listener,name=relay-aps-dtls");
        assertEquals(12L, server.getAttribute(name, "Requests"));
        assertEquals(3L, server.getAttribute(name, "TlsRefused"));
        assertEquals(4L, server.getAttribute(name, "DtlsSessions"));
        assertEquals(5L, server.getAttribute(name, "DtlsHandshakes"));
        assertEquals(6L, server.getAttribute(name, "DtlsRetransmissions"));
        assertEquals(7L, server.getAttribute(name, "DtlsCookies"));
        assertEquals(8L, server.getAttribute(name, "DtlsCookieFailures"));
        assertEquals(9L, server.getAttribute(name, "DtlsDropped"));
        set.sync(Set.of());
        assertFalse(server.isRegistered(name));
    }

    @Test
    void aCertificateShowsItsStatusWithTheReasonAndDaysToExpiry() throws Exception {
        CertificateStatus revoked = CertificateStatus.builder("ap").certificate("CN=ap", "CN=Org CA", BigInteger.valueOf(0x2a),
                NOW.minusSeconds(86_400), NOW.plusSeconds(10 * 86_400 + 60))
                .unavailable(CertificateStatus.Reason.REVOKED, "listed in the CRL of trust store default")
                .nextRetry(NOW.plusSeconds(300)).build();
        CertificateMXBean bean = new CertificateMBean("ap", new FixedCredentials(revoked),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals("revoked: listed in the CRL of trust store default", bean.getStatus());
        assertEquals(10, bean.getDaysToExpiry());
        assertEquals("2a", bean.getSerial());
        assertEquals("2026-11-22T00:05:00Z", bean.getNextRetry());

        MBeanSet<String, CertificateMXBean> set = new MBeanSet<>(server, CertificateMXBean.class,
                ObjectNames::certificate, n -> bean);
        set.sync(Set.of("ap"));
        ObjectName name = new ObjectName("dev.radsec:type=Certificate,name=ap");
        assertEquals("CN=ap", server.getAttribute(name, "Subject"));
        assertEquals(10L, server.getAttribute(name, "DaysToExpiry"));
    }

    @Test
    void namesWithSpecialCharactersAreQuoted() {
        assertEquals("\"a,b\"", ObjectNames.relay("a,b").getKeyProperty("name"));
        assertEquals("default", ObjectNames.relay("default").getKeyProperty("name"), "plain names stay unquoted");
        assertEquals("dev.radsec:id=7,type=Destination", ObjectNames.destination(7).getCanonicalName());
    }
}
