package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import dev.radsec.common.CfgFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.relay.internal.IncomingConfigurationValidator;
import dev.radsec.relay.internal.RelayConfigurationValidator;
import dev.radsec.transport.internal.DestinationConfigurationValidator;
import dev.radsec.transport.internal.RadiusServerService;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic writer over an in-memory ConfigAdmin and a real {@code etc/}: validated by the bundles' own
 * validators before anything is stored, files named and written as Karaf's {@code config:edit --alias} writes
 * them, refusals naming the key and never a secret.
 */
class ConfigurationStoreTest {
    private static final String DESTINATION_SECRET = "a-destination-secret";

    @TempDir
    Path etc;
    private final MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();
    /** What each validator was asked, in order. */
    private final List<Map<String, ?>> validated = new ArrayList<>();

    private ConfigurationStore store() {
        ConfigurationStore store = new ConfigurationStore(cm.admin, new MapKeyMetadata()
                .pid("dev.radsec.destination", Set.of("secret"), "id", "", "address", "", "protocol", "radsec",
                        "tls-certificate", "", "tls-psk", "", "secret", "", "timeout", "", "retries", "3",
                        "disabled", "false")
                .pid("dev.radsec.relay", Set.of("secret"), "name", "", "secret", "", "destinations", "",
                        "auth-port", "1812", "acct-port", "1813", "clients", "127.0.0.1/32"), etc);
        RadiusServerService server = new RadiusServerService(null); // validates listener specs, opens nothing
        add(store, "dev.radsec.destination", new DestinationConfigurationValidator());
        add(store, "dev.radsec.relay", new RelayConfigurationValidator(server));
        add(store, "dev.radsec.incoming", new IncomingConfigurationValidator(server));
        return store;
    }

    private void add(ConfigurationStore store, String pid, ConfigurationValidator validator) {
        store.addValidator(properties -> {
            validated.add(Map.copyOf(properties));
            validator.validate(properties);
        }, Map.of(ConfigurationValidator.PID, pid));
    }

    @Test
    void aNewDestinationIsWrittenToItsFileAndStoredUnderItsNamedFactoryConfiguration() throws Exception {
        ConfigurationStore store = store();
        Path file = store.create(ConfigurationKind.DESTINATION, "7", settings("address", "192.0.2.7",
                "protocol", "radsec", "tls-certificate", "client", "secret", DESTINATION_SECRET)).orElseThrow();

        assertEquals(etc.resolve("dev.radsec.destination-7.cfg"), file);
        assertEquals("etc/dev.radsec.destination-7.cfg", store.shown(file));
        Properties written = read(file);
        assertEquals(Map.of("id", "7", "address", "192.0.2.7", "protocol", "radsec", "tls-certificate", "client",
                "secret", DESTINATION_SECRET), Map.copyOf(written));
        Map<String, Object> stored = cm.stored.get("dev.radsec.destination~7");
        assertEquals("dev.radsec.destination", stored.get("service.factoryPid"));
        assertEquals(file.toFile().toURI().toString(), stored.get("felix.fileinstall.filename"),
                "the key FileInstall writes changes back to, as FileInstall spells it");
        assertEquals("192.0.2.7", stored.get("address"));
        assertEquals("7", validated.get(0).get("id"), "validated first, with the id the name gives it");

        assertEquals(List.of("7"), store.names(ConfigurationKind.DESTINATION));
        assertEquals("client", store.stored(ConfigurationKind.DESTINATION, "7").get("tls-certificate"));
        assertEquals(file, store.file(ConfigurationKind.DESTINATION, "7").orElseThrow());
    }

    @Test
    void aRefusedDestinationWritesNothingAndItsMessageNamesTheKeyButNoSecret() {
        ConfigurationStore store = store();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.create(
                ConfigurationKind.DESTINATION, "7", settings("address", "192.0.2.7", "tls-certificate", "client",
                        "retries", "11", "secret", DESTINATION_SECRET)));
        assertTrue(e.getMessage().startsWith("retries: "), e.getMessage());
        assertFalse(Files.exists(etc.resolve("dev.radsec.destination-7.cfg")));
        assertTrue(cm.stored.values().stream().allMatch(p -> p == null), "nothing stored: " + cm.stored);

        ConfigurationStore masking = new ConfigurationStore(cm.admin, (pid, p) -> {
            throw new IllegalArgumentException("secret: '" + p.get("secret") + "' is too weak; " + p.get("secret"));
        }, KeyMetadata.NONE, etc);
        IllegalArgumentException weak = assertThrows(IllegalArgumentException.class, () -> masking.create(
                ConfigurationKind.DESTINATION, "8", settings("address", "x", "secret", DESTINATION_SECRET)));
        assertEquals("secret: '******' is too weak; ******", weak.getMessage());
    }

    @Test
    void keysThePidDoesNotHaveAndFrameworkKeysAreRefused() {
        ConfigurationStore store = store();
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> store.create(
                ConfigurationKind.DESTINATION, "7", settings("adress", "192.0.2.7")));
        assertTrue(typo.getMessage().startsWith("adress: is not a key of dev.radsec.destination (id, address, "),
                typo.getMessage());
        IllegalArgumentException framework = assertThrows(IllegalArgumentException.class, () -> store.create(
                ConfigurationKind.DESTINATION, "7", settings("address", "x", "service.pid", "y")));
        assertTrue(framework.getMessage().startsWith("service.pid: is not a setting"), framework.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> store.create(
                ConfigurationKind.DESTINATION, "7", settings("id", "8", "address", "x")));
        assertTrue(id.getMessage().startsWith("id: '8' is not the destination's id 7"), id.getMessage());
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class, () -> store.create(
                ConfigurationKind.RELAY, "../branch", settings("secret", "s")));
        assertTrue(path.getMessage().startsWith("name: '../branch' is no name for relay"), path.getMessage());
        assertTrue(validated.isEmpty(), "refused before validation");
    }

    @Test
    void aDestinationIdOrFileThatExistsIsRefused() throws Exception {
        ConfigurationStore store = store();
        cm.put("dev.radsec.destination~primary", "dev.radsec.destination", Map.of("id", "1", "address", "a",
                "tls-certificate", "client", "felix.fileinstall.filename",
                etc.resolve("dev.radsec.destination-primary.cfg").toUri().toString()));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> store.create(
                ConfigurationKind.DESTINATION, "1", settings("address", "b", "tls-certificate", "client")));
        assertEquals("id: destination 1 exists already (etc/dev.radsec.destination-primary.cfg)", twice.getMessage());

        Files.writeString(etc.resolve("dev.radsec.destination-2.cfg"), "id = 2\n");
        IllegalArgumentException file = assertThrows(IllegalArgumentException.class, () -> store.create(
                ConfigurationKind.DESTINATION, "2", settings("address", "b", "tls-certificate", "client")));
        assertEquals("id: etc/dev.radsec.destination-2.cfg exists already", file.getMessage());
        assertEquals("id = 2\n", Files.readString(etc.resolve("dev.radsec.destination-2.cfg")), "not overwritten");
    }

    @Test
    void setChangesSeveralKeysAtOnceKeepsKarafsKeysAndRemovesEmptyOnes() throws Exception {
        ConfigurationStore store = store();
        store.create(ConfigurationKind.DESTINATION, "7", settings("address", "192.0.2.7", "tls-certificate", "client",
                "timeout", "5"));
        validated.clear();
        store.set(ConfigurationKind.DESTINATION, "7", settings("timeout", "7", "retries", "2", "tls-certificate", "",
                "tls-psk", "branch"));
        Map<String, Object> stored = cm.stored.get("dev.radsec.destination~7");
        assertEquals("7", stored.get("timeout"));
        assertEquals("2", stored.get("retries"));
        assertEquals("branch", stored.get("tls-psk"));
        assertFalse(stored.containsKey("tls-certificate"), "an empty value removes the key");
        assertTrue(stored.get("felix.fileinstall.filename").toString().endsWith("/dev.radsec.destination-7.cfg"));
        assertEquals(1, validated.size(), "one validation for the whole change");
        assertFalse(validated.get(0).containsKey("felix.fileinstall.filename"), "validators get the settings only");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store.set(
                ConfigurationKind.DESTINATION, "7", settings("timeout", "9", "retries", "11")));
        assertTrue(refused.getMessage().startsWith("retries: "), refused.getMessage());
        assertEquals("7", cm.stored.get("dev.radsec.destination~7").get("timeout"), "nothing changes");

        IllegalArgumentException renamed = assertThrows(IllegalArgumentException.class, () -> store.set(
                ConfigurationKind.DESTINATION, "7", settings("id", "8")));
        assertTrue(renamed.getMessage().startsWith("id: names destination 7"), renamed.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> store.set(
                ConfigurationKind.DESTINATION, "9", settings("timeout", "7")));
        assertEquals("id: no destination 9 is configured", none.getMessage());
    }

    @Test
    void removeDeletesTheConfigurationAndItsFile() throws Exception {
        ConfigurationStore store = store();
        Path file = store.create(ConfigurationKind.DESTINATION, "7", settings("address", "192.0.2.7",
                "tls-certificate", "client")).orElseThrow();
        assertEquals(file, store.remove(ConfigurationKind.DESTINATION, "7").orElseThrow());
        assertFalse(Files.exists(file));
        assertFalse(cm.stored.containsKey("dev.radsec.destination~7"));
        assertEquals(List.of(), store.names(ConfigurationKind.DESTINATION));
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> store.remove(ConfigurationKind.DESTINATION, "7"));
        assertEquals("id: no destination 7 is configured", again.getMessage());
    }

    @Test
    void relaysAreNamedAsKarafNamesThemAndTheirValidatorIsToldTheName() throws Exception {
        ConfigurationStore store = store();
        cm.put("dev.radsec.relay.1234", "dev.radsec.relay", Map.of("secret", "s", "destinations", "1",
                "felix.fileinstall.filename", "file:/opt/karaf/etc/dev.radsec.relay-default.cfg"));
        cm.put("dev.radsec.relay~campus", "dev.radsec.relay", Map.of("secret", "s", "destinations", "1"));
        cm.put("dev.radsec.relay.5678", "dev.radsec.relay", Map.of("secret", "s", "destinations", "1",
                "name", "edge"));
        Path file = store.create(ConfigurationKind.RELAY, "branch", settings("secret", "nas-secret",
                "destinations", "1, 2")).orElseThrow();
        assertEquals(etc.resolve("dev.radsec.relay-branch.cfg"), file);
        assertEquals("branch", validated.get(0).get(ConfigurationValidator.NAME));
        assertFalse(read(file).containsKey("name"), "named by its file, as an operator's file is");
        assertEquals(List.of("branch", "campus", "default", "edge"), store.names(ConfigurationKind.RELAY));

        store.set(ConfigurationKind.RELAY, "edge", settings("auth-port", "11812"));
        assertEquals("11812", cm.stored.get("dev.radsec.relay.5678").get("auth-port"));
        IllegalArgumentException rename = assertThrows(IllegalArgumentException.class,
                () -> store.set(ConfigurationKind.RELAY, "edge", settings("name", "")));
        assertTrue(rename.getMessage().startsWith("name: names relay edge"), rename.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> store.set(ConfigurationKind.RELAY, "campus", settings("auth-port", "70000")));
        assertTrue(bad.getMessage().startsWith("auth-port: "), bad.getMessage());
    }

    @Test
    void theFirstSettingOfASingletonWritesItsFile() throws Exception {
        ConfigurationStore store = store();
        Path file = store.set(ConfigurationKind.INCOMING, "incoming", settings("accept", "true", "port", "3799",
                "secret", "coa-secret")).orElseThrow();
        assertEquals(etc.resolve("dev.radsec.incoming.cfg"), file);
        assertEquals(Map.of("accept", "true", "port", "3799", "secret", "coa-secret"), Map.copyOf(read(file)));
        assertEquals("true", cm.stored.get("dev.radsec.incoming").get("accept"));
        store.set(ConfigurationKind.INCOMING, "incoming", settings("port", "1700"));
        assertEquals("1700", cm.stored.get("dev.radsec.incoming").get("port"));
        assertEquals(file.toFile().toURI().toString(), cm.stored.get("dev.radsec.incoming").get("felix.fileinstall.filename"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> store.set(ConfigurationKind.INCOMING, "incoming", settings("port", "65536")));
        assertTrue(bad.getMessage().startsWith("port: "), bad.getMessage());
    }

    @Test
    void withoutTheValidatorOfAPidNothingIsWritten() {
        ConfigurationStore store = new ConfigurationStore(cm.admin, KeyMetadata.NONE, etc);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.create(
                ConfigurationKind.LISTENER, "aps", settings("tls-certificate", "server")));
        assertTrue(e.getMessage().startsWith("dev.radsec.listener: nothing validates it now"), e.getMessage());
        assertFalse(Files.exists(etc.resolve("dev.radsec.listener-aps.cfg")));
        ConfigurationValidator accepting = p -> { };
        store.addValidator(accepting, Map.of(ConfigurationValidator.PID, "dev.radsec.listener"));
        store.create(ConfigurationKind.LISTENER, "aps", settings("tls-certificate", "server"));
        store.removeValidator(accepting, Map.of(ConfigurationValidator.PID, "dev.radsec.listener"));
        assertThrows(IllegalStateException.class, () -> store.set(ConfigurationKind.LISTENER, "aps",
                settings("port", "2084")));
    }

    @Test
    void theSecretsOfClientNetworksAreShownMaskedAndKeptWhenWrittenBackMasked() throws Exception {
        ConfigurationStore store = store();
        store.create(ConfigurationKind.RELAY, "branch", settings("destinations", "1",
                "clients", "10.0.0.0/8 net-secret-a, 192.0.2.0/24 net-secret-b, 127.0.0.1/32", "secret", "nas-secret"));
        String stored = cm.stored.get("dev.radsec.relay~branch").get("clients").toString();
        assertEquals("10.0.0.0/8 ******, 192.0.2.0/24 ******, 127.0.0.1/32",
                store.shown("dev.radsec.relay", "clients", stored));
        assertEquals("******", store.shown("dev.radsec.relay", "secret", "nas-secret"));
        assertEquals("", store.shown("dev.radsec.relay", "secret", ""));

        store.set(ConfigurationKind.RELAY, "branch", settings("clients", "10.0.0.0/8 ******, 192.0.2.0/24 new-secret-b, "
                + "127.0.0.1/32", "secret", "******"));
        Map<String, Object> now = cm.stored.get("dev.radsec.relay~branch");
        assertEquals("10.0.0.0/8 net-secret-a, 192.0.2.0/24 new-secret-b, 127.0.0.1/32", now.get("clients"));
        assertEquals("nas-secret", now.get("secret"), "the mask written back keeps the secret");
        IllegalArgumentException nothingToKeep = assertThrows(IllegalArgumentException.class, () -> store.set(
                ConfigurationKind.RELAY, "branch", settings("clients", "127.0.0.1/32 ******")));
        assertEquals("clients: 127.0.0.1/32 has no secret to keep; give it instead of ******", nothingToKeep.getMessage());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> store.set(
                ConfigurationKind.RELAY, "branch", settings("clients", "10.0.0.0/33 net-secret-c")));
        assertTrue(refused.getMessage().startsWith("clients: "), refused.getMessage());
        assertFalse(refused.getMessage().contains("net-secret-c"), refused.getMessage());
    }

    @Test
    void theFileReadsBackAsTheSameStrings() throws Exception {
        Map<String, String> awkward = settings("clients", "10.0.0.0/8 s1, 127.0.0.1/32", "secret", "#not a comment",
                "realms", "example.org=2, *=1", "path", "C:\\radius\\dictionary", "comment", " Zürich – ü  \tend",
                "colon:key", "v");
        Path file = etc.resolve("x.cfg");
        CfgFile.write(file, awkward);
        assertEquals(awkward, Map.copyOf(read(file)));
        assertFalse(Files.exists(etc.resolve("x.cfg.tmp")));
    }

    private static Properties read(Path file) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1)); // FileInstall's default
        }
        return p;
    }

    static Map<String, String> settings(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
