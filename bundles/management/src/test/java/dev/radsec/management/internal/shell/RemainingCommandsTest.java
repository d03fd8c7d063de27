package dev.radsec.management.internal.shell;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.management.internal.AllStores;
import dev.radsec.management.internal.ConfigurationKind;
import dev.radsec.management.internal.ConfigurationStore;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.PskStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * radsec:certificate-*, psk-*, trust-store-*, pki-bootstrap-set, server-set, dictionary-set, auth-set and psks as
 * Karaf runs them, over an in-memory ConfigAdmin with the bundles' validators: the one key=value syntax, files in
 * {@code etc/}, refusals with key and reason, and no secret or key printed.
 */
class RemainingCommandsTest {
    private static final String PASSWORD = "p12-password-never-echoed";
    private static final String PSK = "7c2f1e9a4b8d3c6e5f0a1b2c3d4e5f60";

    @TempDir
    Path etc;
    private final MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();

    @Test
    void certificateAddSetRemove() throws Exception {
        ConfigurationStore store = AllStores.store(cm, etc);
        String added = run(instance(new CertificateAddCommand(), store, "ap", "certificate=radsec/ap.p12",
                "password=" + PASSWORD));
        assertEquals("Certificate ap added in etc/dev.radsec.pki.certificate-ap.cfg: certificate=radsec/ap.p12, "
                + "password=******\n", added);
        Path file = etc.resolve("dev.radsec.pki.certificate-ap.cfg");
        assertTrue(Files.readString(file).contains("password = " + PASSWORD), "the file holds it");

        assertEquals("Certificate ap changed in etc/dev.radsec.pki.certificate-ap.cfg: expiry-warning=14\n",
                run(instance(new CertificateSetCommand(), store, "ap", "expiry-warning=14")));
        assertEquals("14", cm.properties("dev.radsec.pki.certificate~ap").get("expiry-warning"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> run(instance(new CertificateSetCommand(), store, "ap", "retry-interval=0")));
        assertTrue(bad.getMessage().startsWith("retry-interval: "), bad.getMessage());
        IllegalArgumentException renamed = assertThrows(IllegalArgumentException.class,
                () -> run(instance(new CertificateSetCommand(), store, "ap", "name=other")));
        assertTrue(renamed.getMessage().startsWith("name: "), renamed.getMessage());

        assertEquals("Certificate ap removed, etc/dev.radsec.pki.certificate-ap.cfg deleted\n",
                run(instance(new CertificateRemoveCommand(), store, "ap")));
        assertFalse(Files.exists(file));
    }

    @Test
    void pskAddSetRemoveAndTheListingNeverPrintTheKey() throws Exception {
        ConfigurationStore store = AllStores.store(cm, etc);
        String added = run(instance(new PskAddCommand(), store, "ap", "identity=ap-17", "key=" + PSK));
        assertEquals("Psk ap added in etc/dev.radsec.pki.psk-ap.cfg: identity=ap-17, key=******\n", added);
        assertTrue(Files.readString(etc.resolve("dev.radsec.pki.psk-ap.cfg")).contains("key = " + PSK));
        run(instance(new PskAddCommand(), store, "branch", "identity=branch", "key-file=radsec/branch.hex",
                "tls-version=1.2"));

        String shortKey = "0011223344556677889900";
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> run(instance(new PskSetCommand(), store, "ap", "key=" + shortKey)));
        assertTrue(refused.getMessage().startsWith("key: is too short: 11 octets"), refused.getMessage());
        assertFalse(refused.getMessage().contains(shortKey));
        assertEquals(PSK, cm.properties("dev.radsec.pki.psk~ap").get("key"), "nothing changed");
        assertEquals("Psk ap changed in etc/dev.radsec.pki.psk-ap.cfg: key=******, identity=ap-18\n",
                run(instance(new PskSetCommand(), store, "ap", "key=******", "identity=ap-18")));
        assertEquals(PSK, cm.properties("dev.radsec.pki.psk~ap").get("key"), "given as the mask, it stays");

        PsksCommand list = new PsksCommand();
        list.store = store;
        list.keys = new PreSharedKeys() {
            @Override
            public Optional<PreSharedKey> key(String name) {
                return Optional.empty();
            }

            @Override
            public PskStatus status(String name) {
                return name.equals("ap") ? new PskStatus("ap", Optional.of("ap-18"),
                        Optional.of(PreSharedKey.TlsVersion.TLS_1_3), true, Optional.empty())
                        : new PskStatus(name, Optional.empty(), Optional.empty(), false,
                                Optional.of("key file etc/radsec/branch.hex is missing"));
            }

            @Override
            public List<PskStatus> statuses() {
                return List.of(status("ap"), status("branch"));
            }
        };
        String table = run(list);
        assertTrue(table.matches("(?s).*ap\\s+\\| ap-18\\s+\\| 1\\.3 \\| available\\s+\\| inline.*"), table);
        assertTrue(table.contains("unavailable: key file etc/radsec/branch.hex is missing"), table);
        assertTrue(table.contains("radsec/branch.hex"), table);
        assertTrue(table.matches("(?s).*branch\\s+\\| branch\\s+\\| 1\\.2 .*"), "configured, as the PKI lacks it: " + table);
        assertFalse(table.contains(PSK), table);

        assertEquals("Psk branch removed, etc/dev.radsec.pki.psk-branch.cfg deleted\n",
                run(instance(new PskRemoveCommand(), store, "branch")));
    }

    @Test
    void trustStoreAddSetRemove() throws Exception {
        ConfigurationStore store = AllStores.store(cm, etc);
        assertEquals("Trust-store partners added in etc/dev.radsec.pki.trust-partners.cfg: ca=radsec/partner.pem\n",
                run(instance(new TrustStoreAddCommand(), store, "partners", "ca=radsec/partner.pem")));
        run(instance(new TrustStoreSetCommand(), store, "partners", "crl=radsec/partner.crl", "check-revocation=crl"));
        assertEquals("radsec/partner.crl", cm.properties("dev.radsec.pki.trust~partners").get("crl"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> run(instance(new TrustStoreSetCommand(), store, "partners", "check-revocation=ocsp")));
        assertTrue(refused.getMessage().startsWith("check-revocation: "), refused.getMessage());
        run(instance(new TrustStoreRemoveCommand(), store, "partners"));
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.trust-partners.cfg")));
    }

    @Test
    void theSingletonsAreSetInTheirOwnFiles() throws Exception {
        ConfigurationStore store = AllStores.store(cm, etc);
        assertEquals("Pki-bootstrap changed in etc/dev.radsec.pki.bootstrap.cfg: server-name=radsec.example.org\n",
                run(singleton(new PkiBootstrapSetCommand(), store, "server-name=radsec.example.org")));
        IllegalArgumentException subject = assertThrows(IllegalArgumentException.class,
                () -> run(singleton(new PkiBootstrapSetCommand(), store, "ca-subject=nonsense")));
        assertTrue(subject.getMessage().startsWith("ca-subject: "), subject.getMessage());

        assertEquals("Server changed in etc/dev.radsec.server.cfg: listener=demo\n",
                run(singleton(new ServerSetCommand(), store, "listener=demo")));
        IllegalArgumentException users = assertThrows(IllegalArgumentException.class,
                () -> run(singleton(new ServerSetCommand(), store, "users=radsec")));
        assertEquals(AllStores.NOT_A_USERS_FILE, users.getMessage());

        Path broken = Files.writeString(etc.resolve("dictionary.broken"), "ATTRIBUTE Broken\n");
        IllegalArgumentException dictionary = assertThrows(IllegalArgumentException.class,
                () -> run(singleton(new DictionarySetCommand(), store, "path=" + broken)));
        assertTrue(dictionary.getMessage().startsWith("path: " + broken + ":1: "), dictionary.getMessage());
        assertFalse(Files.exists(etc.resolve("dev.radsec.dictionary.cfg")), "refused before the first write");

        assertEquals("Auth changed in etc/dev.radsec.auth.cfg: jaas-order=local-first, secret=******\n",
                run(singleton(new AuthSetCommand(), store, "jaas-order=local-first", "secret=" + PASSWORD)));
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> run(singleton(new AuthSetCommand(), store, "jaas-order=random")));
        assertTrue(order.getMessage().startsWith("jaas-order: "), order.getMessage());
        assertEquals("local-first", cm.properties("dev.radsec.auth").get("jaas-order"));
    }

    @Test
    void theNewCommandsWriteTheKindTheirNamesSay() {
        assertEquals(Optional.of(ConfigurationKind.CERTIFICATE), ConfigurationKind.ofCommand("radsec:certificate-set"));
        assertEquals(Optional.of(ConfigurationKind.PSK), ConfigurationKind.ofCommand("radsec:psk-remove"));
        assertEquals(Optional.of(ConfigurationKind.TRUST_STORE), ConfigurationKind.ofCommand("trust-store-add"));
        assertEquals(Optional.of(ConfigurationKind.DEVELOPMENT_PKI), ConfigurationKind.ofCommand("pki-bootstrap-set"));
        assertEquals(Optional.of(ConfigurationKind.SERVER), ConfigurationKind.ofCommand("radsec:server-set"));
        assertEquals(Optional.of(ConfigurationKind.DICTIONARY), ConfigurationKind.ofCommand("radsec:dictionary-set"));
        assertEquals(Optional.of(ConfigurationKind.AUTH), ConfigurationKind.ofCommand("radsec:auth-set"));
        assertEquals(Optional.empty(), ConfigurationKind.ofCommand("radsec:trust-add"), "an anchor, not a store");
        assertEquals(Optional.empty(), ConfigurationKind.ofCommand("radsec:psks"));
        assertEquals(Optional.empty(), ConfigurationKind.ofCommand("radsec:certificates"));
    }

    private static <T extends InstanceCommand> T instance(T command, ConfigurationStore store, String name,
            String... settings) {
        command.store = store;
        command.name = name;
        if (command instanceof AddCommand add) {
            add.settings = List.of(settings);
        } else if (command instanceof SetCommand set) {
            set.settings = List.of(settings);
        }
        return command;
    }

    private static <T extends SingletonSetCommand> T singleton(T command, ConfigurationStore store, String... settings) {
        command.store = store;
        command.settings = List.of(settings);
        return command;
    }

    /** What {@code command} prints. */
    private static String run(Action command) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
