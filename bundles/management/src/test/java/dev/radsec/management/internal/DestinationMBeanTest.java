package dev.radsec.management.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.management.DestinationMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.transport.DestinationKeys;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.UdpServer;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The destination MXBean in a plain MBeanServer, registered as {@link RadsecMBeans} does: its attributes keep their
 * names and types, read and write the configuration by key, and are described by the key table.
 */
class DestinationMBeanTest {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ObjectName name = ObjectNames.destination(1);
    /** What ConfigAdmin holds for destination 1, as a cfg file gives it. */
    private final Hashtable<String, Object> stored = new Hashtable<>(Map.of("id", "1", "address", "radius.example.org",
            "tls-certificate", "client", "service.pid", "dev.radsec.destination~primary"));
    private final FakeClient client = new FakeClient();

    /** The attributes of today's interface, name to open type; none may change. */
    private static final Map<String, String> ATTRIBUTES = attributes(
            "Id", "int", "Address", "java.lang.String", "Protocol", "java.lang.String", "Port", "int",
            "AccountingPort", "int", "Secret", "java.lang.String", "IdReuseTimeout", "int", "MaxTxBuffers", "int",
            "MaxOutstanding", "int", "SourceAddress", "java.lang.String", "TlsCertificate", "java.lang.String",
            "TlsPsk", "java.lang.String", "TlsTrust", "java.lang.String", "TlsMinVersion", "java.lang.String", "TlsPeerName", "java.lang.String",
            "TlsTimeout", "int", "Timeout", "int", "Retries", "int", "RequireMessageAuth", "java.lang.String",
            "StatusServer", "int", "IdleTimeout", "int", "ReconnectDemandCap", "int", "ReconnectDemandCapMillis", "long",
            "DynamicRequests", "boolean", "Mtu", "int",
            "Disabled", "boolean", "Comment", "java.lang.String", "Service", "java.lang.String",
            "CalledId", "java.lang.String", "Domain", "java.lang.String", "AccountingBackup", "boolean",
            "RewriteIn", "java.lang.String", "RewriteOut", "java.lang.String",
            "TimeoutMillis", "long", "Unavailable", "long",
            "State", "java.lang.String", "Up", "boolean", "Connections", "int", "TlsVersion", "java.lang.String",
            "CipherSuite", "java.lang.String", "TlsMode", "java.lang.String", "PeerSubject", "java.lang.String", "PeerNotAfter", "java.lang.String",
            "Pending", "long", "Requests", "long", "Accepts", "long", "Rejects", "long", "Challenges", "long",
            "Resends", "long", "Timeouts", "long", "BadReplies", "long", "Malformed", "long", "LastRequestRtt", "long");

    private static Map<String, String> attributes(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private void register() {
        DestinationConfigurations configurations = new DestinationConfigurations(admin(), client);
        TestAuthentication tester = new TestAuthentication(client, null, Clock.systemUTC());
        new MBeanSet<>(server, DestinationMXBean.class, ObjectNames::destination,
                id -> DestinationMBean.create(id, client, configurations, tester), DestinationMBean::description)
                .sync(Set.of(1));
    }

    @Test
    void theAttributesKeepTheirNamesAndTypesAndTheKeysTheirDescriptions() throws Exception {
        register();
        Map<String, String> types = new LinkedHashMap<>();
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            types.put(a.getName(), a.getType());
            Optional<String> key = DestinationMBean.key(a.getName()).map(k -> k.name());
            assertEquals(key.isPresent() && !a.getName().equals("Id"), a.isWritable(), a.getName() + " writable");
            if (key.isPresent()) {
                assertEquals(DestinationKeys.TABLE.key(key.get()).get().summary(), a.getDescription());
            }
        }
        assertEquals(ATTRIBUTES.entrySet(), types.entrySet());
        for (var key : DestinationKeys.TABLE.keys()) {
            assertTrue(types.keySet().stream().anyMatch(a -> DestinationMBean.key(a).equals(Optional.of(key))),
                    "an attribute for every key: " + key);
        }
        MBeanAttributeInfo reuse = attribute("IdReuseTimeout");
        assertEquals("id-reuse-timeout: Seconds before an Identifier is used again on a connection after its request "
                + "ended. (60-3600; default 120)", reuse.getDescription());
        assertEquals("secret: Shared secret; 'radsec' by default for radsec (RFC 6614), 'radius/dtls' for dtls "
                + "(RFC 7360), required for udp. (secret, reads ******; a change reconnects)", attribute("Secret").getDescription());
        assertNotEquals(null, attribute("State").getDescription(), "live attributes keep the MXBean's own");
    }

    private MBeanAttributeInfo attribute(String attribute) throws Exception {
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            if (a.getName().equals(attribute)) {
                return a;
            }
        }
        throw new AssertionError(attribute);
    }

    @Test
    void attributesReadTheRunningConfigurationWithItsTypes() throws Exception {
        client.running = DestinationKeys.TABLE.parse(Map.of("id", "1", "address", "radius.example.org",
                "tls-certificate", "client", "secret", "s3cret", "dynamic-requests", "true")).effective();
        register();
        assertEquals(1, server.getAttribute(name, "Id"));
        assertEquals("radius.example.org", server.getAttribute(name, "Address"));
        assertEquals("radsec", server.getAttribute(name, "Protocol"));
        assertEquals(2083, server.getAttribute(name, "Port"));
        assertEquals(120, server.getAttribute(name, "IdReuseTimeout"));
        assertEquals(5, server.getAttribute(name, "Timeout"));
        assertEquals("******", server.getAttribute(name, "Secret"));
        assertEquals("radius.example.org", server.getAttribute(name, "TlsPeerName"));
        assertEquals("false", server.getAttribute(name, "RequireMessageAuth"));
        assertEquals("", server.getAttribute(name, "SourceAddress"));
        assertEquals(true, server.getAttribute(name, "DynamicRequests"));
        assertEquals("NOT RUNNING", server.getAttribute(name, "State"), "no statistics");
        assertEquals(0L, server.getAttribute(name, "Requests"));

        client.statistics = new DestinationStatistics(1, DestinationStatistics.State.UP, 2, 10, 7, 1, 0, 0, 1, 0, 0,
                0, 0, 3, 1, Optional.of("TLSv1.3"), Optional.of("TLS_AES_128_GCM_SHA256"), Optional.of("CN=server"),
                Optional.of(Instant.parse("2027-01-01T00:00:00Z")));
        assertEquals("UP", server.getAttribute(name, "State"));
        assertEquals(true, server.getAttribute(name, "Up"));
        assertEquals(10L, server.getAttribute(name, "Requests"));
        assertEquals("2027-01-01T00:00:00Z", server.getAttribute(name, "PeerNotAfter"));
        server.invoke(name, "resetStatistics", null, null);
        assertEquals(1, client.resets);
    }

    @Test
    void aDestinationThatDoesNotRunShowsWhatIsStored() throws Exception {
        stored.put("timeout", " 0 ");
        register();
        assertEquals(0, server.getAttribute(name, "Timeout"));
        assertEquals(0, server.getAttribute(name, "Port"), "no default without a running configuration");
        assertEquals("client", server.getAttribute(name, "TlsCertificate"));
        assertEquals("******", server.getAttribute(name, "Secret"));
        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(name, "reconnect", null, null));
        assertEquals("destination 1 is not running", e.getCause().getMessage());
    }

    @Test
    void writesGoToConfigAdminByKeyAndAreValidatedFirst() throws Exception {
        register();
        server.setAttribute(name, new Attribute("Timeout", 7));
        assertEquals("7", stored.get("timeout"), "a string, as a cfg file holds it");
        assertEquals("dev.radsec.destination~primary", stored.get("service.pid"), "Karaf's keys kept");
        server.setAttribute(name, new Attribute("IdReuseTimeout", 300));
        assertEquals("300", stored.get("id-reuse-timeout"));
        server.setAttribute(name, new Attribute("DynamicRequests", true));
        assertEquals("true", stored.get("dynamic-requests"));
        server.setAttribute(name, new Attribute("TlsCertificate", ""));
        assertFalse(stored.containsKey("tls-certificate"), "empty removes the key");
        assertEquals(4, client.validated.size());
        assertEquals("7", client.validated.get(0).get("timeout"));

        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("Retries", 11)));
        assertEquals("retries: 11 is outside 0-10", refused.getCause().getMessage());
        assertFalse(stored.containsKey("retries"), "nothing changes");
    }

    @Test
    void theTimeoutReadsWholeSecondsRoundedUpAndTimeoutMillisIsExact() throws Exception {
        register();
        for (String[] c : new String[][] {{"300ms", "1", "300"}, {"5", "5", "5000"}, {"1500ms", "2", "1500"},
            {"2000ms", "2", "2000"}}) {
            client.running = DestinationKeys.TABLE.parse(Map.of("id", "1", "address", "radius.example.org",
                    "tls-certificate", "client", "timeout", c[0])).effective();
            assertEquals(Integer.parseInt(c[1]), server.getAttribute(name, "Timeout"), c[0]);
            assertEquals(Long.parseLong(c[2]), server.getAttribute(name, "TimeoutMillis"), c[0]);
        }
        assertEquals(DestinationKeys.TIMEOUT.summary(), attribute("TimeoutMillis").getDescription());
        assertTrue(attribute("TimeoutMillis").isWritable());
    }

    @Test
    void timeoutMillisWritesMillisecondsAndTimeoutWholeSeconds() throws Exception {
        register();
        server.setAttribute(name, new Attribute("TimeoutMillis", 250L));
        assertEquals("250ms", stored.get("timeout"));
        server.setAttribute(name, new Attribute("Timeout", 3));
        assertEquals("3", stored.get("timeout"), "a plain number stays seconds");
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("TimeoutMillis", 99L)));
        assertEquals("timeout: 99ms is outside 100ms-300s", refused.getCause().getMessage());
        assertEquals("3", stored.get("timeout"), "nothing changes");
    }

    @Test
    void theMikrotikKeysAreAttributesReadAndWrittenByKey() throws Exception {
        client.running = DestinationKeys.TABLE.parse(Map.of("id", "1", "address", "radius.example.org",
                "tls-certificate", "client", "disabled", "true", "comment", "rack 3", "service", "relay",
                "called-id", "*:corp", "domain", "EXAMPLE", "accounting-backup", "true")).effective();
        register();
        assertEquals(true, server.getAttribute(name, "Disabled"));
        assertEquals("rack 3", server.getAttribute(name, "Comment"));
        assertEquals("relay", server.getAttribute(name, "Service"));
        assertEquals("*:corp", server.getAttribute(name, "CalledId"));
        assertEquals("EXAMPLE", server.getAttribute(name, "Domain"));
        assertEquals(true, server.getAttribute(name, "AccountingBackup"));
        server.setAttribute(name, new Attribute("Disabled", true));
        server.setAttribute(name, new Attribute("Service", "login, relay"));
        server.setAttribute(name, new Attribute("CalledId", "*:guest"));
        server.setAttribute(name, new Attribute("AccountingBackup", true));
        assertEquals("true", stored.get("disabled"));
        assertEquals("login, relay", stored.get("service"));
        assertEquals("*:guest", stored.get("called-id"));
        assertEquals("true", stored.get("accounting-backup"));
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("Service", "ppp")));
        assertEquals("service: 'ppp' is none of login, relay", refused.getCause().getMessage());

        client.statistics = new DestinationStatistics(1, DestinationStatistics.State.DISABLED, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 4);
        assertEquals("DISABLED", server.getAttribute(name, "State"));
        assertEquals(4L, server.getAttribute(name, "Unavailable"));
    }

    @Test
    void theRewriteKeysAreAttributesReadAndWrittenByKey() throws Exception {
        client.running = DestinationKeys.TABLE.parse(Map.of("id", "1", "address", "radius.example.org",
                "tls-certificate", "client", "rewrite-in", "eduroam-visited", "rewrite-out", "tag, stamp")).effective();
        register();
        assertEquals("eduroam-visited", server.getAttribute(name, "RewriteIn"));
        assertEquals("tag, stamp", server.getAttribute(name, "RewriteOut"));
        server.setAttribute(name, new Attribute("RewriteIn", "strip-vlan"));
        server.setAttribute(name, new Attribute("RewriteOut", "operator-name"));
        assertEquals("strip-vlan", stored.get("rewrite-in"));
        assertEquals("operator-name", stored.get("rewrite-out"));
        assertTrue(server.getMBeanInfo(name).getAttributes().length > 0);
        assertTrue(java.util.Arrays.stream(server.getMBeanInfo(name).getAttributes())
                .filter(a -> a.getName().equals("RewriteIn")).findFirst().orElseThrow().getDescription()
                .contains("dev.radsec.rewrite"), "described by its key");
    }

    /** ConfigAdmin holding one destination configuration, {@link #stored}. */
    private ConfigurationAdmin admin() {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "getProperties": return new Hashtable<>(stored);
                        case "update":
                            stored.clear();
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                            for (String k : java.util.Collections.list(d.keys())) {
                                stored.put(k, d.get(k));
                            }
                            return null;
                        default: throw new UnsupportedOperationException(m.getName());
                    }
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, args) -> {
                    if (m.getName().equals("listConfigurations")) {
                        return new Configuration[] {configuration};
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A transport with destination 1: its running configuration and statistics as the test sets them. */
    private static final class FakeClient implements RadiusClient {
        Map<String, String> running;
        DestinationStatistics statistics;
        final List<Map<String, ?>> validated = new ArrayList<>();
        int resets;

        @Override
        public Optional<Map<String, String>> configuration(int destinationId) {
            return Optional.ofNullable(running);
        }

        @Override
        public Optional<DestinationStatistics> statistics(int destinationId) {
            return Optional.ofNullable(statistics);
        }

        @Override
        public void validateDestination(Map<String, ?> properties) {
            try {
                DestinationKeys.TABLE.parse(properties);
            } catch (InvalidConfigurationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            validated.add(Map.copyOf(properties));
        }

        @Override
        public boolean resetStatistics(int destinationId) {
            resets++;
            return true;
        }

        @Override
        public boolean reconnect(int destinationId) {
            return running != null;
        }

        @Override
        public List<Integer> destinations() {
            return running == null ? List.of() : List.of(1);
        }

        @Override
        public CompletionStage<RadiusPacket> send(int destinationId, RadiusPacket request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<RadiusPacket> send(UdpServer server, RadiusPacket request) {
            throw new UnsupportedOperationException();
        }
    }
}
