package dev.radsec.auth.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.auth.AuthMXBean;
import dev.radsec.auth.UserMapping;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.testing.MetatypeKeys;
import dev.radsec.transport.RadiusDictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.radsec:type=Auth}: every key of {@code dev.radsec.auth} as a camel-case attribute, written through
 * ConfigAdmin after the validation a cfg file gets, the secret never shown; and {@code login} returning the policies
 * and the lease, counted with every other login.
 */
class AuthMBeanTest {
    private static final String PID = AuthConfiguration.PID;
    private final MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();
    private final ScriptedClient client = new ScriptedClient();
    private final RadiusLoginService service = new RadiusLoginService(client, cm.admin);
    private final AuthMBean mbean;

    AuthMBeanTest() {
        service.activate(Map.of());
        mbean = new AuthMBean(service, new AuthConfiguration(cm.admin,
                new AuthConfigurationValidator(RadiusDictionary.of(Dictionary.standard()))));
        client.answer = r -> CompletableFuture.completedFuture(RadiusPacket.builder(
                r.first("User-Password").orElseThrow().asString().equals("alice-pw")
                        ? PacketCode.ACCESS_ACCEPT : PacketCode.ACCESS_REJECT, r.dictionary())
                .add("Session-Timeout", 600).build());
    }

    /** What ConfigAdmin does after an update: the component gets the stored configuration. */
    private void deliver() {
        service.modified(cm.delivered(PID));
    }

    private static String attribute(String key) {
        StringBuilder b = new StringBuilder();
        for (String part : key.split("-")) {
            b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }

    @Test
    void everyKeyOfThePidIsAReadableAndWritableAttributeNamedByItsCamelCase() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("dev.radsec:type=Auth");
        server.registerMBean(new StandardMBean(mbean, AuthMXBean.class, true), name);
        Map<String, MBeanAttributeInfo> attributes = new HashMap<>();
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            attributes.put(a.getName(), a);
        }
        assertEquals(new TreeSet<>(MetatypeKeys.ids(PID)), new TreeSet<>(AuthSettings.KEYS), "KEYS is the metatype");
        for (String key : AuthSettings.KEYS) {
            MBeanAttributeInfo a = attributes.get(attribute(key));
            assertTrue(a != null && a.isReadable() && a.isWritable(), key + " as " + attribute(key) + ": " + a);
        }
        assertEquals("DialTimeout", attribute("dial-timeout"));
    }

    @Test
    void aWriteIsValidatedThenStoredInConfigAdminAndReadBackWhenInForce() {
        mbean.setDestination(3);
        assertEquals(Map.of("destination", "3"), cm.properties(PID), "a first write creates the configuration");
        deliver();
        mbean.setReadTimeout(5);
        mbean.setJaasOrder("local-first");
        mbean.setUsernameCaseSensitive(false);
        mbean.setPolicyRoles("admins=admin, viewers=viewer");
        assertEquals("5", cm.properties(PID).get("read-timeout"));
        assertEquals(10, mbean.getReadTimeout(), "not delivered yet: the value in force");
        deliver();
        assertEquals(3, mbean.getDestination());
        assertEquals(5, mbean.getReadTimeout());
        assertEquals(10, mbean.getDialTimeout(), "defaults filled in");
        assertEquals(1812, mbean.getPort());
        assertEquals("auto", mbean.getRequireMessageAuth());
        assertEquals("local-first", mbean.getJaasOrder());
        assertFalse(mbean.isUsernameCaseSensitive());
        assertEquals("admins=admin,viewers=viewer", mbean.getPolicyRoles());
        assertEquals(JaasOrder.LOCAL_FIRST, service.settings().jaasOrder);

        mbean.setReadTimeout(7);
        mbean.setPolicyRoles("");
        assertFalse(cm.properties(PID).containsKey("policy-roles"), "an empty text removes the key");
        deliver();
        assertEquals(7, mbean.getReadTimeout());
        assertEquals("", mbean.getPolicyRoles());
    }

    @Test
    void aWriteTheServiceWouldRejectIsRefusedNamingTheKeyAndNothingIsStored() throws Exception {
        mbean.setDestination(3);
        deliver();
        Map<String, Object> before = cm.properties(PID);
        int updates = cm.updates;
        assertEquals("read-timeout: 0 is outside 1-300",
                assertThrows(IllegalArgumentException.class, () -> mbean.setReadTimeout(0)).getMessage());
        assertEquals("jaas-order: 'remote-first' is none of radius-first, local-first",
                assertThrows(IllegalArgumentException.class, () -> mbean.setJaasOrder("remote-first")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mbean.setPolicyAttribute("No-Such-Attribute"))
                .getMessage().startsWith("policy-attribute: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mbean.setUnregisteredUserPolicies("guests,root"))
                .getMessage().startsWith("unregistered-user-policies: 'root' is not allowed"));
        assertEquals("host: and destination are both set; choose one",
                assertThrows(IllegalArgumentException.class, () -> mbean.setHost("127.0.0.1")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> mbean.setDestination(0))
                .getMessage().startsWith("destination: is required"));
        assertEquals(before, cm.properties(PID));
        assertEquals(updates, cm.updates, "nothing stored");

        // over JMX the refusal reaches the client with its message
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("dev.radsec:type=Auth");
        server.registerMBean(new StandardMBean(mbean, AuthMXBean.class, true), name);
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("DialTimeout", 301)));
        assertEquals("dial-timeout: 301 is outside 1-300", refused.getCause().getMessage());
        assertEquals(null, refused.getCause().getCause(), "only JDK classes travel: a remote client has no others");
    }

    @Test
    void updateChangesKeysTogetherSoTheServerCanMoveFromADestinationToUdp() {
        mbean.setDestination(3);
        mbean.update(new String[] {"destination=", "host=127.0.0.1", "port=18120", "secret=s3cret-of-udp"});
        assertEquals(Map.of("host", "127.0.0.1", "port", "18120", "secret", "s3cret-of-udp"), cm.properties(PID));
        deliver();
        assertEquals("udp 127.0.0.1:18120", mbean.getServer());
        assertEquals("nas-ports: is not a key of dev.radsec.auth (destination, host, port, secret, "
                + "unregistered-user-policies, dial-timeout, read-timeout, nas-port, nas-identifier, policy-attribute, "
                + "username-case-sensitive, require-message-auth, policy-roles, jaas-order)",
                assertThrows(IllegalArgumentException.class, () -> mbean.update(new String[] {"nas-ports=1"})).getMessage());
        assertEquals("'nas-port' is not key=value",
                assertThrows(IllegalArgumentException.class, () -> mbean.update(new String[] {"nas-port"})).getMessage());
        assertEquals(Map.of("host", "127.0.0.1", "port", "18120", "secret", "s3cret-of-udp"), cm.properties(PID));
    }

    @Test
    void theSecretReadsMaskedWhenSetAndEmptyWhenNot() {
        mbean.setDestination(3);
        deliver();
        assertEquals("", mbean.getSecret());
        mbean.update(new String[] {"destination=", "host=127.0.0.1", "secret=s3cret-of-udp"});
        assertEquals("", mbean.getSecret(), "stored, not in force yet: the configuration in force has none");
        deliver();
        assertEquals("******", mbean.getSecret());
        mbean.setSecret("an0ther-s3cret");
        assertEquals("an0ther-s3cret", cm.properties(PID).get("secret"), "write-only: stored as written");
        deliver();
        assertEquals("******", mbean.getSecret());
        assertFalse(mbean.getServer().contains("s3cret"));
    }

    @Test
    void aWriteReplacesTheVaultSpellingOfItsKey() {
        mbean.update(new String[] {"destination=3"});
        cm.stored.get(PID).put("dial_timeout", "7");
        deliver();
        assertEquals(7, mbean.getDialTimeout());
        mbean.setDialTimeout(20);
        assertEquals(Map.of("destination", "3", "dial-timeout", "20"), cm.properties(PID));
    }

    @Test
    void withoutAValidConfigurationInForceTheStoredValuesShowWithDefaults() {
        mbean.setDestination(3);
        cm.stored.get(PID).put("read-timeout", "999"); // written to the file by hand: the service refuses it
        deliver();
        assertEquals(null, service.settings());
        assertEquals(3, mbean.getDestination());
        assertEquals(999, mbean.getReadTimeout(), "the stored value; Server says why it is not in force");
        assertEquals(10, mbean.getDialTimeout());
        assertEquals("radius-first", mbean.getJaasOrder());
        cm.stored.get(PID).put("secret", "s3cret-in-the-file");
        assertEquals("******", mbean.getSecret(), "a stored secret is masked too");
        assertTrue(mbean.getServer().startsWith("not configured: read-timeout: 999 is outside 1-300"), mbean.getServer());
    }

    @Test
    void loginReturnsThePoliciesAndTheLeaseAsOpenDataAndIsCountedWithEveryLogin() throws Exception {
        mbean.setDestination(1);
        deliver();
        service.put("alice", List.of("admins"));
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("dev.radsec:type=Auth");
        server.registerMBean(new StandardMBean(mbean, AuthMXBean.class, true), name);
        String[] signature = {String.class.getName(), String.class.getName()};

        CompositeData in = (CompositeData) server.invoke(name, "login", new Object[] {"alice", "alice-pw"}, signature);
        assertEquals("LOGGED_IN", in.get("outcome"));
        assertArrayEquals(new String[] {"admins", "default"}, (String[]) in.get("policies"));
        assertEquals(600L, in.get("leaseDuration"));
        assertEquals("", in.get("detail"));
        assertFalse(in.toString().contains("alice-pw"));

        CompositeData out = (CompositeData) server.invoke(name, "login", new Object[] {"alice", "wrong"}, signature);
        assertEquals("REJECTED", out.get("outcome"));
        assertArrayEquals(new String[0], (String[]) out.get("policies"));
        assertEquals(0L, out.get("leaseDuration"));

        service.login("alice", "alice-pw"); // the service API, as JAAS and the shell use it
        assertEquals(2, mbean.getLogins());
        assertEquals(1, mbean.getRejects());
        assertEquals(Map.of("alice", 1L), mbean.getFailedAttempts());
        assertEquals(2L, mbean.getOutcomes().get("LOGGED_IN"));
        assertEquals(1L, mbean.getOutcomes().get("REJECTED"));
        assertEquals(0L, mbean.getOutcomes().get("TIMEOUT"));
    }

    @Test
    void aMappingWithEmptyPoliciesMadeOverJmxGetsDefaultOnly() {
        mbean.update(new String[] {"destination=1", "unregistered-user-policies=guests"});
        deliver();
        mbean.addUser("erin", "");
        assertEquals(List.of(), service.get("erin").map(UserMapping::policies).orElseThrow());
        assertEquals(List.of("default"), service.login("erin", "alice-pw").policies());
        assertTrue(mbean.removeUser("erin"));
        assertEquals(List.of("default", "guests"), service.login("erin", "alice-pw").policies(), "unmapped now");
    }
}
