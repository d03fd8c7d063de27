package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.management.DestinationsMXBean;
import dev.radsec.management.IncomingMXBean;
import dev.radsec.management.ListenerMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.RelayMXBean;
import dev.radsec.management.RelaysMXBean;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStatistics;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay, listener and incoming MXBeans' settings and the Destinations and Relays MBeans, registered as
 * {@link RadsecMBeans} does in a plain MBeanServer over an in-memory ConfigAdmin, with the bundles' real validators
 * and generated metatype: every key an attribute, reads with defaults, writes validated and persisted, secrets
 * masked.
 */
class ConfiguredMBeansTest {
    private static final String NAS_SECRET = "nas-secret-never-shown";

    @TempDir
    Path etc;
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();
    private final GeneratedMetatype metatype = new GeneratedMetatype();

    private ConfigurationStore store() {
        return TestStores.store(cm, etc);
    }

    @Test
    void everyKeyOfThePidIsASettingOfItsMXBeanWithTheMetatypesType() {
        check(RelayMXBean.class, RelayMBean.class, "dev.radsec.relay", "name");
        check(ListenerMXBean.class, ListenerMBean.class, "dev.radsec.listener", "name");
        check(IncomingMXBean.class, IncomingMBean.class, "dev.radsec.incoming", null);
        check(dev.radsec.management.RewriteMXBean.class, RewriteMBean.class, "dev.radsec.rewrite", "name");
    }

    private void check(Class<?> type, Class<?> own, String pid, String identity) {
        Map<String, GeneratedMetatype.Ad> ads = new LinkedHashMap<>(metatype.ads(pid));
        ads.remove(identity);
        Map<String, String> attributes = ConfiguredMBean.keys(type, own);
        assertEquals(ads.keySet(), new HashSet<>(attributes.values()), type.getSimpleName() + ": a setting per key");
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            String adType = ads.get(a.getValue()).type();
            Class<?> expected = a.getValue().equals("destinations") ? int[].class
                    : adType.equals("Integer") ? int.class : adType.equals("Boolean") ? boolean.class : String.class;
            for (var m : type.getMethods()) {
                if (m.getName().matches("(get|is|set)" + a.getKey())) {
                    Class<?> t = m.getParameterCount() == 1 ? m.getParameterTypes()[0] : m.getReturnType();
                    assertEquals(expected, t, type.getSimpleName() + "." + m.getName());
                }
            }
        }
    }

    @Test
    void aRelaysSettingsReadAsStoredOrByDefaultAndWriteThroughItsValidator() throws Exception {
        ConfigurationStore store = store();
        cm.put("dev.radsec.relay.42", "dev.radsec.relay", Map.of("secret", NAS_SECRET, "destinations", "1, 2",
                "auth-port", "11812", "felix.fileinstall.filename", etc.resolve("dev.radsec.relay-branch.cfg").toUri()
                        .toString()));
        new MBeanSet<>(server, RelayMXBean.class, ObjectNames::relay, n -> RelayMBean.create(n, NO_RELAYS, store),
                RelayMBean.descriptions(store)).sync(Set.of("branch"));
        ObjectName relay = ObjectNames.relay("branch");

        assertEquals("branch", server.getAttribute(relay, "Name"));
        assertEquals(11812, server.getAttribute(relay, "AuthPort"), "stored");
        assertEquals(1813, server.getAttribute(relay, "AcctPort"), "the metatype default");
        assertEquals("127.0.0.1", server.getAttribute(relay, "ListenAddress"));
        assertEquals("udp", server.getAttribute(relay, "Protocol"));
        assertEquals(false, server.getAttribute(relay, "RejectWhenUnavailable"));
        assertEquals("******", server.getAttribute(relay, "Secret"), "set, never shown");
        assertEquals("", server.getAttribute(relay, "TlsPsk"));
        assertEquals(info(relay, "ListenAddress").getDescription(), "listen-address: ");
        assertTrue(info(relay, "Destinations").isWritable());
        assertFalse(info(relay, "Name").isWritable());
        assertFalse(info(relay, "Requests").isWritable());

        server.setAttribute(relay, new Attribute("AuthPort", 21812));
        server.setAttribute(relay, new Attribute("Destinations", new int[] {2, 1}));
        server.setAttribute(relay, new Attribute("RejectWhenUnavailable", true));
        Map<String, Object> stored = cm.properties("dev.radsec.relay.42");
        assertEquals("21812", stored.get("auth-port"));
        assertEquals("2, 1", stored.get("destinations"));
        assertEquals("true", stored.get("reject-when-unavailable"));
        assertEquals(NAS_SECRET, stored.get("secret"));

        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(relay, new Attribute("AuthPort", 70000)));
        assertTrue(refused.getCause().getMessage().startsWith("auth-port: "), refused.getCause().getMessage());
        assertEquals("21812", cm.properties("dev.radsec.relay.42").get("auth-port"), "the running value stays");
        RuntimeMBeanException noDestination = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(relay, new Attribute("Destinations", new int[0])));
        assertTrue(noDestination.getCause().getMessage().startsWith("destinations: "));
        RuntimeMBeanException weak = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(relay, new Attribute("Clients", "10.0.0.0/33 " + NAS_SECRET)));
        assertFalse(weak.getCause().getMessage().contains(NAS_SECRET), weak.getCause().getMessage());
        RuntimeMBeanException noSecret = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(relay, new Attribute("Secret", "")));
        assertEquals("clients: 127.0.0.1/32 has no secret, and there is no default 'secret'",
                noSecret.getCause().getMessage(), "an empty value removes the key, here refused");
        assertEquals("******", server.getAttribute(relay, "Secret"));
        server.setAttribute(relay, new Attribute("Clients", "127.0.0.1/32 " + NAS_SECRET));
        server.setAttribute(relay, new Attribute("Secret", ""));
        assertEquals("", server.getAttribute(relay, "Secret"), "not set");
    }

    @Test
    void aListenerThatIsNoConfigurationHasNoSettingsOfItsOwn() throws Exception {
        ConfigurationStore store = store();
        cm.put("dev.radsec.listener~aps", "dev.radsec.listener", Map.of("tls-certificate", "server", "port", "2084"));
        new MBeanSet<>(server, ListenerMXBean.class, ObjectNames::listener,
                n -> ListenerMBean.create(n, NO_LISTENERS, store), ListenerMBean.descriptions(store))
                .sync(Set.of("aps", "relay-branch-auth"));
        ObjectName aps = ObjectNames.listener("aps");
        assertEquals(2084, server.getAttribute(aps, "Port"));
        assertEquals("v1.2", server.getAttribute(aps, "TlsMinVersion"));
        assertEquals("", server.getAttribute(aps, "Secret"));
        server.setAttribute(aps, new Attribute("TlsMinVersion", "v1.3"));
        assertEquals("v1.3", cm.properties("dev.radsec.listener~aps").get("tls-min-version"));
        RuntimeMBeanException dtls = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(aps, new Attribute("Protocol", "dtls")));
        assertTrue(dtls.getCause().getMessage().startsWith("tls-min-version: "), dtls.getCause().getMessage());

        ObjectName port = ObjectNames.listener("relay-branch-auth");
        assertEquals("relay-branch-auth", server.getAttribute(port, "Name"));
        assertEquals("", server.getAttribute(port, "Address"), "the relay's, not a default");
        assertEquals(0, server.getAttribute(port, "Port"));
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(port, new Attribute("Port", 1645)));
        assertEquals("name: no listener relay-branch-auth is configured", refused.getCause().getMessage());
    }

    @Test
    void incomingIsWrittenToItsOwnFileOnTheFirstWrite() throws Exception {
        ConfigurationStore store = store();
        new MBeanSet<>(server, IncomingMXBean.class, k -> ObjectNames.incoming(),
                k -> IncomingMBean.create(NO_LISTENERS, store), IncomingMBean.descriptions(store)).sync(Set.of("incoming"));
        ObjectName incoming = ObjectNames.incoming();
        assertEquals(false, server.getAttribute(incoming, "Accept"));
        assertEquals(3799, server.getAttribute(incoming, "Port"));
        assertEquals("127.0.0.1/32", server.getAttribute(incoming, "Clients"));
        assertEquals(false, server.getAttribute(incoming, "Listening"));

        server.setAttribute(incoming, new Attribute("Secret", NAS_SECRET));
        assertTrue(Files.exists(etc.resolve("dev.radsec.incoming.cfg")));
        server.setAttribute(incoming, new Attribute("Accept", true));
        assertEquals(Map.of("secret", NAS_SECRET, "accept", "true", "felix.fileinstall.filename",
                etc.resolve("dev.radsec.incoming.cfg").toFile().toURI().toString()), cm.properties("dev.radsec.incoming"));
        assertEquals("******", server.getAttribute(incoming, "Secret"));
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(incoming, new Attribute("Clients", "not-a-network")));
        assertTrue(refused.getCause().getMessage().startsWith("clients: "), refused.getCause().getMessage());
    }

    @Test
    void destinationsAreCreatedFromAMapOrALineAndRemovedWithTheirFiles() throws Exception {
        ConfigurationStore store = store();
        new MBeanSet<>(server, DestinationsMXBean.class, k -> ObjectNames.destinations(),
                k -> new DestinationsMBean(store)).sync(Set.of("destinations"));
        DestinationsMXBean proxy = JMX.newMXBeanProxy(server, ObjectNames.destinations(), DestinationsMXBean.class);
        proxy.create(7, Map.of("address", "192.0.2.7", "protocol", "radsec", "tls-certificate", "client"));
        assertEquals("192.0.2.7", cm.properties("dev.radsec.destination~7").get("address"));
        assertTrue(Files.exists(etc.resolve("dev.radsec.destination-7.cfg")));

        server.invoke(ObjectNames.destinations(), "create", new Object[] {8,
                "address=192.0.2.8 protocol=udp \"secret=two words\""}, new String[] {"int", String.class.getName()});
        assertEquals("two words", cm.properties("dev.radsec.destination~8").get("secret"));
        assertArrayEquals(new int[] {7, 8}, (int[]) server.getAttribute(ObjectNames.destinations(), "Ids"));

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> proxy.create(7, Map.of("address", "192.0.2.9", "tls-certificate", "client")));
        assertTrue(twice.getMessage().startsWith("id: destination 7 exists already"), twice.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> proxy.create(9, Map.of("address", "192.0.2.9", "protocol", "udp", "secret", "s", "retries", "11")));
        assertTrue(bad.getMessage().startsWith("retries: "), bad.getMessage());
        assertFalse(Files.exists(etc.resolve("dev.radsec.destination-9.cfg")));

        proxy.remove(7);
        assertFalse(Files.exists(etc.resolve("dev.radsec.destination-7.cfg")));
        assertArrayEquals(new int[] {8}, proxy.getIds());
    }

    @Test
    void relaysAreCreatedAsTabularDataFromAnyJmxClient() throws Exception {
        ConfigurationStore store = store();
        new MBeanSet<ConfigurationKind, RelaysMXBean>(server, RelaysMXBean.class, k -> ObjectNames.relays(),
                kind -> new NamedConfigurationsMBean(store, kind)).sync(Set.of(ConfigurationKind.RELAY));
        MBeanAttributeInfo names = info(ObjectNames.relays(), "Names");
        assertEquals("[Ljava.lang.String;", names.getType());
        // what a remote client without our classes sends: the MXBean mapping of Map<String, String>
        RelaysMXBean proxy = JMX.newMXBeanProxy(server, ObjectNames.relays(), RelaysMXBean.class);
        proxy.create("branch", Map.of("secret", NAS_SECRET, "destinations", "1", "auth-port", "11812"));
        assertEquals(List.of("branch"), List.of((String[]) server.getAttribute(ObjectNames.relays(), "Names")));
        var create = java.util.Arrays.stream(server.getMBeanInfo(ObjectNames.relays()).getOperations())
                .filter(o -> o.getName().equals("create") && o.getSignature()[1].getType().equals(TabularData.class.getName()))
                .findFirst();
        assertTrue(create.isPresent(), "create(String, TabularData) for JMX clients");
        assertTrue(Files.readString(etc.resolve("dev.radsec.relay-branch.cfg")).contains("auth-port = 11812"));
        proxy.remove("branch");
        assertEquals(List.of(), List.of(proxy.getNames()));
        assertFalse(Files.exists(etc.resolve("dev.radsec.relay-branch.cfg")));
    }

    private MBeanAttributeInfo info(ObjectName name, String attribute) throws Exception {
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            if (a.getName().equals(attribute)) {
                return a;
            }
        }
        throw new AssertionError(attribute);
    }

    private static final RelayMonitor NO_RELAYS = new RelayMonitor() {
        @Override
        public List<RelayStatistics> relays() {
            return List.of();
        }

        @Override
        public Optional<RelayStatistics> relay(String name) {
            return Optional.empty();
        }
    };

    private static final ListenerMonitor NO_LISTENERS = new ListenerMonitor() {
        @Override
        public List<String> listeners() {
            return List.of();
        }

        @Override
        public Optional<ListenerStatistics> statistics(String listenerName) {
            return Optional.empty();
        }
    };
}
