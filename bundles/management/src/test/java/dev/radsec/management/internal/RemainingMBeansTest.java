package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.management.CertificateMXBean;
import dev.radsec.management.CertificatesMXBean;
import dev.radsec.management.DevelopmentPkiMXBean;
import dev.radsec.management.DictionaryMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.PreSharedKeyMXBean;
import dev.radsec.management.PreSharedKeysMXBean;
import dev.radsec.management.ServerMXBean;
import dev.radsec.management.TrustStoreMXBean;
import dev.radsec.management.TrustStoresMXBean;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.PskStatus;
import dev.radsec.transport.RadiusDictionary;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MXBeans of the certificates, pre-shared keys, trust stores, development PKI, embedded server and dictionary,
 * registered as {@link RadsecMBeans}, {@link PkiMBeans} and {@link ConfigurationMBeans} do in a plain MBeanServer over
 * an in-memory ConfigAdmin, with the bundles' real validators and generated metatype: every key an attribute,
 * reads with defaults, writes validated and persisted, secrets masked.
 */
class RemainingMBeansTest {
    private static final String PASSWORD = "p12-password-never-shown";
    /** 16 octets in hex: a valid key that must never be shown. */
    private static final String PSK = "7c2f1e9a4b8d3c6e5f0a1b2c3d4e5f60";

    @TempDir
    Path etc;
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();
    private final GeneratedMetatype metatype = new GeneratedMetatype();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T00:00:00Z"), ZoneOffset.UTC);

    private ConfigurationStore store() {
        return AllStores.store(cm, etc);
    }

    // ------------------------------------------------------------------------------------------------ every key

    @Test
    void everyKeyOfEachPidIsASettingOfItsMXBeanWithTheMetatypesType() {
        check(CertificateKeys.class, Object.class, "dev.radsec.pki.certificate", "name");
        check(PreSharedKeyMXBean.class, PreSharedKeyMBean.class, "dev.radsec.pki.psk", "name");
        check(DevelopmentPkiMXBean.class, ConfiguredSingleton.class, "dev.radsec.pki.bootstrap", null);
        check(DictionaryMXBean.class, DictionaryMBean.class, "dev.radsec.dictionary", null);
        assertEquals(Set.of("users", "listener"),
                new HashSet<>(ConfiguredMBean.keys(ServerMXBean.class, ConfiguredSingleton.class).values()));
        for (Method m : CertificateKeys.class.getMethods()) {
            Method api = method(CertificateMXBean.class, m.getName(), m.getParameterTypes());
            assertEquals(m.getReturnType(), api.getReturnType(), "CertificateMXBean." + m.getName());
        }
    }

    private void check(Class<?> type, Class<?> own, String pid, String identity) {
        Map<String, GeneratedMetatype.Ad> ads = new LinkedHashMap<>(metatype.ads(pid));
        ads.remove(identity);
        Map<String, String> attributes = ConfiguredMBean.keys(type, own);
        assertEquals(ads.keySet(), new HashSet<>(attributes.values()), type.getSimpleName() + ": a setting per key");
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            String adType = ads.get(a.getValue()).type();
            Class<?> expected = adType.equals("Long") ? long.class : adType.equals("Integer") ? int.class
                    : adType.equals("Boolean") ? boolean.class : String.class;
            for (Method m : type.getMethods()) {
                if (m.getName().matches("(get|is|set)" + a.getKey())) {
                    Class<?> t = m.getParameterCount() == 1 ? m.getParameterTypes()[0] : m.getReturnType();
                    assertEquals(expected, t, type.getSimpleName() + "." + m.getName());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ certificates

    @Test
    void aCertificatesSettingsReadAsStoredAndWriteThroughThePkisValidatorWithThePasswordMasked() throws Exception {
        ConfigurationStore store = store();
        cm.put("dev.radsec.pki.certificate~ap", "dev.radsec.pki.certificate", Map.of("certificate", "radsec/ap.p12",
                "password", PASSWORD, "felix.fileinstall.filename",
                etc.resolve("dev.radsec.pki.certificate-ap.cfg").toUri().toString()));
        CertificateStatus missing = CertificateStatus.builder("ap")
                .unavailable(CertificateStatus.Reason.MISSING, "etc/radsec/ap.p12 does not exist").build();
        new MBeanSet<>(server, CertificateMXBean.class, ObjectNames::certificate,
                n -> new CertificateMBean(n, new FixedCredentials(missing), clock, store),
                CertificateMBean.descriptions(store)).sync(Set.of("ap"));
        ObjectName ap = ObjectNames.certificate("ap");

        assertEquals("missing: etc/radsec/ap.p12 does not exist", server.getAttribute(ap, "Status"), "status kept");
        assertEquals("radsec/ap.p12", server.getAttribute(ap, "Certificate"));
        assertEquals("", server.getAttribute(ap, "PrivateKey"));
        assertEquals("******", server.getAttribute(ap, "Password"));
        assertEquals(300L, server.getAttribute(ap, "RetryInterval"), "the metatype default");
        assertEquals(30L, server.getAttribute(ap, "ExpiryWarning"));
        assertTrue(info(ap, "ExpiryWarning").isWritable());
        assertTrue(info(ap, "ExpiryWarning").getDescription().startsWith("expiry-warning: "),
                info(ap, "ExpiryWarning").getDescription());
        assertFalse(info(ap, "Name").isWritable());

        server.setAttribute(ap, new Attribute("ExpiryWarning", 60L));
        server.setAttribute(ap, new Attribute("Password", "******"));
        server.setAttribute(ap, new Attribute("Certificate", "radsec/ap2.p12"));
        Map<String, Object> stored = cm.properties("dev.radsec.pki.certificate~ap");
        assertEquals("60", stored.get("expiry-warning"));
        assertEquals(PASSWORD, stored.get("password"), "written back masked, it stays");
        assertEquals("radsec/ap2.p12", stored.get("certificate"));

        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(ap, new Attribute("RetryInterval", 0L)));
        assertTrue(refused.getCause().getMessage().startsWith("retry-interval: "), refused.getCause().getMessage());
        assertTrue(refused.getCause().getMessage().contains("1-86400"), refused.getCause().getMessage());
        RuntimeMBeanException noFile = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(ap, new Attribute("Certificate", "")));
        assertEquals("certificate: is required", noFile.getCause().getMessage());
        assertFalse(cm.properties("dev.radsec.pki.certificate~ap").containsKey("retry-interval"), "nothing stored");
    }

    @Test
    void certificatesAreCreatedAndRemovedWithTheirFiles() throws Exception {
        ConfigurationStore store = store();
        new MBeanSet<ConfigurationKind, CertificatesMXBean>(server, CertificatesMXBean.class,
                k -> ObjectNames.certificates(), kind -> new NamedConfigurationsMBean(store, kind))
                .sync(Set.of(ConfigurationKind.CERTIFICATE));
        CertificatesMXBean certificates = JMX.newMXBeanProxy(server, ObjectNames.certificates(),
                CertificatesMXBean.class);
        certificates.create("ap", Map.of("certificate", "radsec/ap.pem", "private-key", "radsec/ap.key",
                "password", PASSWORD));
        Path file = etc.resolve("dev.radsec.pki.certificate-ap.cfg");
        assertTrue(Files.readString(file).contains("private-key = radsec/ap.key"));
        assertEquals("radsec/ap.pem", cm.properties("dev.radsec.pki.certificate~ap").get("certificate"));
        server.invoke(ObjectNames.certificates(), "create", new Object[] {"client", "certificate=radsec/client.pem"},
                new String[] {String.class.getName(), String.class.getName()});
        assertArrayEquals(new String[] {"ap", "client"}, certificates.getNames());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> certificates.create("c2",
                Map.of("certificate", "c.pem", "expiry-warning", "4000", "password", PASSWORD)));
        assertTrue(bad.getMessage().startsWith("expiry-warning: "), bad.getMessage());
        assertFalse(bad.getMessage().contains(PASSWORD));
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.certificate-c2.cfg")));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> certificates.create("c3", Map.of("certificat", "c.pem")));
        assertTrue(typo.getMessage().startsWith("certificat: is not a key of dev.radsec.pki.certificate"),
                typo.getMessage());

        certificates.remove("ap");
        assertFalse(Files.exists(file));
        assertArrayEquals(new String[] {"client"}, certificates.getNames());
    }

    // ------------------------------------------------------------------------------------------------ pre-shared keys

    @Test
    void aPreSharedKeyShowsItsStatusAndSettingsButNeverTheKey() throws Exception {
        ConfigurationStore store = store();
        Keys keys = new Keys();
        keys.statuses.put("ap", new PskStatus("ap", Optional.of("ap-17"), Optional.of(PreSharedKey.TlsVersion.TLS_1_3),
                true, Optional.empty()));
        keys.statuses.put("branch", new PskStatus("branch", Optional.of("branch"),
                Optional.of(PreSharedKey.TlsVersion.TLS_1_2), false, Optional.of("key file etc/radsec/b.hex is missing")));
        cm.put("dev.radsec.pki.psk~ap", "dev.radsec.pki.psk", Map.of("identity", "ap-17", "key", PSK));
        cm.put("dev.radsec.pki.psk~branch", "dev.radsec.pki.psk", Map.of("identity", "branch",
                "key-file", "radsec/b.hex", "tls-version", "1.2"));
        new MBeanSet<>(server, PreSharedKeyMXBean.class, ObjectNames::preSharedKey,
                n -> PreSharedKeyMBean.create(n, keys, store), PreSharedKeyMBean.descriptions(store))
                .sync(Set.of("ap", "branch"));
        ObjectName ap = ObjectNames.preSharedKey("ap");
        ObjectName branch = ObjectNames.preSharedKey("branch");
        assertEquals("dev.radsec:type=PreSharedKey,name=ap", ap.toString());

        assertEquals(true, server.getAttribute(ap, "Usable"));
        assertEquals("available", server.getAttribute(ap, "Status"));
        assertEquals("", server.getAttribute(ap, "Reason"));
        assertEquals("ap-17", server.getAttribute(ap, "IdentityInUse"));
        assertEquals("1.3", server.getAttribute(ap, "TlsVersionInUse"));
        assertEquals("ap-17", server.getAttribute(ap, "Identity"));
        assertEquals("******", server.getAttribute(ap, "Key"));
        assertEquals("1.3", server.getAttribute(ap, "TlsVersion"), "the metatype default");
        assertEquals(300L, server.getAttribute(ap, "RetryInterval"));
        assertEquals(false, server.getAttribute(branch, "Usable"));
        assertEquals("unavailable: key file etc/radsec/b.hex is missing", server.getAttribute(branch, "Status"));
        assertEquals("key file etc/radsec/b.hex is missing", server.getAttribute(branch, "Reason"));
        assertEquals("", server.getAttribute(branch, "Key"), "not set inline");
        assertEquals("radsec/b.hex", server.getAttribute(branch, "KeyFile"));
        assertFalse(info(ap, "Usable").isWritable());
        assertTrue(info(ap, "Key").isWritable());
        for (MBeanAttributeInfo a : server.getMBeanInfo(ap).getAttributes()) {
            assertFalse(String.valueOf(server.getAttribute(ap, a.getName())).contains(PSK), a.getName());
        }

        server.setAttribute(ap, new Attribute("Identity", "ap-18"));
        server.setAttribute(ap, new Attribute("Key", "******"));
        assertEquals(PSK, cm.properties("dev.radsec.pki.psk~ap").get("key"), "written back masked, it stays");
        assertEquals("ap-18", cm.properties("dev.radsec.pki.psk~ap").get("identity"));
        String shortKey = "00112233445566778899";
        RuntimeMBeanException tooShort = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(ap, new Attribute("Key", shortKey)));
        assertTrue(tooShort.getCause().getMessage().startsWith("key: is too short"), tooShort.getCause().getMessage());
        assertFalse(tooShort.getCause().getMessage().contains(shortKey));
        RuntimeMBeanException both = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(branch, new Attribute("Key", PSK)));
        assertEquals("key: and key-file are both given: give one of them", both.getCause().getMessage());
        RuntimeMBeanException version = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(branch, new Attribute("TlsVersion", "1.1")));
        assertTrue(version.getCause().getMessage().startsWith("tls-version: "), version.getCause().getMessage());
        assertEquals("radsec/b.hex", cm.properties("dev.radsec.pki.psk~branch").get("key-file"), "nothing changed");
    }

    @Test
    void preSharedKeysAreCreatedWithTheKeyInTheFileOnlyAndRefusedWithoutQuotingIt() throws Exception {
        ConfigurationStore store = store();
        new MBeanSet<ConfigurationKind, PreSharedKeysMXBean>(server, PreSharedKeysMXBean.class,
                k -> ObjectNames.preSharedKeys(), kind -> new NamedConfigurationsMBean(store, kind))
                .sync(Set.of(ConfigurationKind.PSK));
        PreSharedKeysMXBean keys = JMX.newMXBeanProxy(server, ObjectNames.preSharedKeys(), PreSharedKeysMXBean.class);
        keys.create("ap", Map.of("identity", "ap-17", "key", PSK));
        assertTrue(Files.readString(etc.resolve("dev.radsec.pki.psk-ap.cfg")).contains("key = " + PSK));
        String weak = "abababababababababababababababab";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> keys.create("weak", "identity=weak key=" + weak));
        assertEquals("key: is all one octet value, not a key", refused.getMessage());
        IllegalArgumentException noIdentity = assertThrows(IllegalArgumentException.class,
                () -> keys.create("anon", Map.of("key", PSK)));
        assertEquals("identity: is required", noIdentity.getMessage());
        assertArrayEquals(new String[] {"ap"}, keys.getNames());
        keys.remove("ap");
        assertArrayEquals(new String[0], keys.getNames());
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.psk-ap.cfg")));
    }

    // ------------------------------------------------------------------------------------------------ trust stores

    @Test
    void trustStoresAreCreatedAndTheirKeysWrittenThroughTheOneStore() throws Exception {
        ConfigurationStore store = store();
        new MBeanSet<ConfigurationKind, TrustStoresMXBean>(server, TrustStoresMXBean.class,
                k -> ObjectNames.trustStores(), kind -> new NamedConfigurationsMBean(store, kind))
                .sync(Set.of(ConfigurationKind.TRUST_STORE));
        TrustStoresMXBean stores = JMX.newMXBeanProxy(server, ObjectNames.trustStores(), TrustStoresMXBean.class);
        stores.create("partners", "ca=radsec/partner-ca.pem check-revocation=none");
        assertTrue(Files.readString(etc.resolve("dev.radsec.pki.trust-partners.cfg")).contains("ca = radsec/partner-ca.pem"));
        IllegalArgumentException noCa = assertThrows(IllegalArgumentException.class,
                () -> stores.create("empty", Map.of("crl-distribution-points", "true")));
        assertTrue(noCa.getMessage().startsWith("ca: "), noCa.getMessage());

        new MBeanSet<>(server, TrustStoreMXBean.class, ObjectNames::trustStore,
                n -> new TrustStoreMBean(n, null, new TrustStoreConfigurations(store))).sync(Set.of("partners"));
        ObjectName partners = ObjectNames.trustStore("partners");
        assertArrayEquals(new String[] {"radsec/partner-ca.pem"}, (String[]) server.getAttribute(partners, "Ca"));
        server.setAttribute(partners, new Attribute("Ca", new String[] {"radsec/a.pem", "radsec/b.pem"}));
        assertEquals("radsec/a.pem, radsec/b.pem", cm.properties("dev.radsec.pki.trust~partners").get("ca"));
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(partners, new Attribute("CheckRevocation", "ocsp")));
        assertTrue(refused.getCause().getMessage().startsWith("check-revocation: "), refused.getCause().getMessage());
        server.setAttribute(partners, new Attribute("CheckRevocation", ""));
        assertFalse(cm.properties("dev.radsec.pki.trust~partners").containsKey("check-revocation"), "removed");
        assertArrayEquals(new String[] {"partners"}, stores.getNames());
        stores.remove("partners");
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.trust-partners.cfg")));
    }

    // ------------------------------------------------------------------------------------------------ singletons

    @Test
    void theDevelopmentPkiIsWrittenToItsFileOnTheFirstWrite() throws Exception {
        ConfigurationStore store = store();
        new MBeanSet<>(server, DevelopmentPkiMXBean.class, k -> ObjectNames.developmentPki(),
                k -> ConfiguredSingleton.create(DevelopmentPkiMXBean.class, store, ConfigurationKind.DEVELOPMENT_PKI),
                ConfiguredSingleton.descriptions(DevelopmentPkiMXBean.class, store, ConfigurationKind.DEVELOPMENT_PKI))
                .sync(Set.of("pki-bootstrap"));
        ObjectName pki = ObjectNames.developmentPki();
        assertEquals("dev.radsec:type=DevelopmentPki", pki.toString());
        assertEquals(false, server.getAttribute(pki, "Configured"));
        assertEquals("localhost", server.getAttribute(pki, "ServerName"), "the metatype default");
        assertEquals("radsec/certs", server.getAttribute(pki, "Directory"));
        // (bnd escapes the default's space and comma in the XML this test reads; MetaTypeService unescapes them)
        assertTrue(server.getAttribute(pki, "CaSubject").toString().startsWith("CN=radsec-karaf"));

        server.setAttribute(pki, new Attribute("ServerName", "radsec.example.org"));
        assertEquals(true, server.getAttribute(pki, "Configured"));
        assertTrue(Files.readString(etc.resolve("dev.radsec.pki.bootstrap.cfg")).contains("server-name = radsec.example.org"));
        RuntimeMBeanException subject = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(pki, new Attribute("CaSubject", "no distinguished name")));
        assertTrue(subject.getCause().getMessage().startsWith("ca-subject: 'no distinguished name' is not a"),
                subject.getCause().getMessage());
        RuntimeMBeanException name = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(pki, new Attribute("ServerName", "under_score..example")));
        assertTrue(name.getCause().getMessage().startsWith("server-name: "), name.getCause().getMessage());
        Files.writeString(etc.resolve("a-file"), "x");
        RuntimeMBeanException directory = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(pki, new Attribute("Directory", "a-file")));
        assertEquals("directory: 'a-file' is a file, not a directory", directory.getCause().getMessage());
        assertEquals(Map.of("server-name", "radsec.example.org"), settings("dev.radsec.pki.bootstrap"));
    }

    @Test
    void theServersSettingsWriteThroughItsValidator() throws Exception {
        ConfigurationStore store = store();
        new MBeanSet<>(server, ServerMXBean.class, k -> ObjectNames.server(),
                k -> ConfiguredSingleton.create(ServerMXBean.class, store, ConfigurationKind.SERVER)).sync(Set.of("server"));
        ObjectName bean = ObjectNames.server();
        assertEquals("radsec/users", server.getAttribute(bean, "Users"));
        assertEquals("server", server.getAttribute(bean, "Listener"));
        server.setAttribute(bean, new Attribute("Listener", "demo"));
        assertEquals(Map.of("listener", "demo"), settings("dev.radsec.server"));
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(bean, new Attribute("Users", "radsec")));
        assertEquals(AllStores.NOT_A_USERS_FILE, refused.getCause().getMessage());
    }

    @Test
    void theDictionaryTellsWhatItHoldsAndWhyAConfiguredTreeIsNotInUse() throws Exception {
        ConfigurationStore store = store();
        Path good = Files.writeString(etc.resolve("dictionary.site"),
                "VENDOR Example 32473\nBEGIN-VENDOR Example\nATTRIBUTE Example-Role 1 string\nEND-VENDOR Example\n");
        Path bad = Files.writeString(etc.resolve("dictionary.broken"), "ATTRIBUTE Example-Broken 1\n");
        Dictionary[] inUse = {Dictionary.standard()};
        RadiusDictionary transport = new RadiusDictionary() {
            @Override
            public Dictionary current() {
                return inUse[0];
            }

            @Override
            public dev.radsec.codec.PacketCodec codec() {
                return new dev.radsec.codec.PacketCodec(inUse[0]);
            }
        };
        new MBeanSet<>(server, DictionaryMXBean.class, k -> ObjectNames.dictionary(),
                k -> DictionaryMBean.create(transport, store), DictionaryMBean.descriptions(store))
                .sync(Set.of("dictionary"));
        ObjectName dictionary = ObjectNames.dictionary();
        int bundled = (int) server.getAttribute(dictionary, "AttributeCount");
        assertTrue(bundled > 50, "the bundled dictionary: " + bundled);
        assertArrayEquals(new String[0], (String[]) server.getAttribute(dictionary, "Files"));
        assertEquals("", server.getAttribute(dictionary, "Path"));
        assertEquals("", server.getAttribute(dictionary, "LoadError"), "none configured");

        server.setAttribute(dictionary, new Attribute("Path", good.toString()));
        assertEquals(good.toString(), settings("dev.radsec.dictionary").get("path"));
        assertEquals("", server.getAttribute(dictionary, "LoadError"), "it loads: the transport takes it next");
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(dictionary, new Attribute("Path", bad.toString())));
        assertTrue(refused.getCause().getMessage().startsWith("path: " + bad + ":1: "), refused.getCause().getMessage());
        assertEquals(good.toString(), settings("dev.radsec.dictionary").get("path"), "the good one stays");

        inUse[0] = Dictionary.standardWith(good); // the transport applied it
        assertEquals(bundled + 1, server.getAttribute(dictionary, "AttributeCount"));
        assertEquals(Dictionary.standard().vendors().size() + 1, server.getAttribute(dictionary, "VendorCount"));
        assertArrayEquals(new String[] {good.toString()}, (String[]) server.getAttribute(dictionary, "Files"));
        Files.writeString(good, "ATTRIBUTE Example-Role\n");
        assertEquals("", server.getAttribute(dictionary, "LoadError"), "in use: not loaded again");

        cm.put("dev.radsec.dictionary", null, Map.of("path", bad.toString())); // an operator's edit of the file
        String error = (String) server.getAttribute(dictionary, "LoadError");
        assertTrue(error.startsWith(bad + ":1: "), error);
    }

    // ------------------------------------------------------------------------------------------------ the component

    @Test
    void theComponentRegistersEachSingletonWhileItsPidsBundleRuns() throws Exception {
        ConfigurationStore store = store();
        Keys keys = new Keys();
        keys.statuses.put("held", new PskStatus("held", Optional.of("h"), Optional.of(PreSharedKey.TlsVersion.TLS_1_3),
                true, Optional.empty()));
        cm.put("dev.radsec.pki.psk~configured", "dev.radsec.pki.psk", Map.of("identity", "c", "key", PSK));
        ConfigurationMBeans beans = new ConfigurationMBeans(server, store, keys,
                RadiusDictionary.of(Dictionary.standard()));
        beans.activate();
        try {
            beans.validatorAdded("dev.radsec.pki.bootstrap");
            beans.validatorAdded("dev.radsec.dictionary");
            beans.sync();
            for (ObjectName name : List.of(ObjectNames.certificates(), ObjectNames.preSharedKeys(),
                    ObjectNames.trustStores(), ObjectNames.developmentPki(), ObjectNames.dictionary(),
                    ObjectNames.preSharedKey("held"), ObjectNames.preSharedKey("configured"))) {
                assertTrue(server.isRegistered(name), name + " registered");
            }
            assertFalse(server.isRegistered(ObjectNames.server()), "no embedded server runs");
            beans.validatorAdded("dev.radsec.server");
            beans.sync();
            assertTrue(server.isRegistered(ObjectNames.server()));
            beans.removeValidator(p -> { }, Map.of("radsec.pid", "dev.radsec.server"));
            beans.sync();
            assertFalse(server.isRegistered(ObjectNames.server()), "gone with its bundle");
            keys.statuses.clear();
            beans.sync();
            assertFalse(server.isRegistered(ObjectNames.preSharedKey("held")));
            assertTrue(server.isRegistered(ObjectNames.preSharedKey("configured")), "configured, held or not");
        } finally {
            beans.deactivate();
        }
        assertFalse(server.isRegistered(ObjectNames.preSharedKeys()));
        assertFalse(server.isRegistered(ObjectNames.dictionary()));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The stored settings of a singleton, without Karaf's file name. */
    private Map<String, Object> settings(String pid) {
        Map<String, Object> m = new LinkedHashMap<>(cm.properties(pid));
        m.remove(ConfigurationStore.FILE);
        return m;
    }

    private MBeanAttributeInfo info(ObjectName name, String attribute) throws Exception {
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            if (a.getName().equals(attribute)) {
                return a;
            }
        }
        throw new AssertionError(attribute);
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(type.getSimpleName() + " has no " + name, e);
        }
    }

    /** Pre-shared key statuses as a test sets them; never a key. */
    private static final class Keys implements PreSharedKeys {
        final Map<String, PskStatus> statuses = new LinkedHashMap<>();

        @Override
        public Optional<PreSharedKey> key(String name) {
            return Optional.empty();
        }

        @Override
        public PskStatus status(String name) {
            return statuses.getOrDefault(name, new PskStatus(name, Optional.empty(), Optional.empty(), false,
                    Optional.of("not configured")));
        }

        @Override
        public List<PskStatus> statuses() {
            return List.copyOf(statuses.values());
        }
    }
}
