package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.ConfigReader;
import dev.radsec.common.ManualScheduler;
import dev.radsec.pki.CaException;
import dev.radsec.pki.CrlStatus;
import dev.radsec.pki.CredentialEvent;
import dev.radsec.pki.TrustStoreAnchor;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust store anchors added and removed through {@link TrustAnchors} (what {@code TrustStoreAdmin} does), with the
 * configuration kept in a map standing in for ConfigAdmin, on a clock the test moves.
 */
class TrustAnchorsTest {
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    @TempDir
    Path etc;
    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final ManualFileWatcher watcher = new ManualFileWatcher();
    private final MapConfigurations configurations = new MapConfigurations();
    private final List<CredentialEvent> events = new ArrayList<>();
    private CredentialRegistry registry;
    private TrustAnchors anchors;

    private KeyPair orgKey;
    private X509Certificate org;
    private KeyPair uploadedKey;
    private X509Certificate uploaded;

    /** ConfigAdmin's part: configurations by PID, found by the name the trust store reads from them. */
    private static final class MapConfigurations implements TrustAnchors.Configurations {
        final Map<String, Map<String, Object>> byPid = new LinkedHashMap<>();

        @Override
        public Optional<TrustAnchors.Stored> find(String trustName) {
            return byPid.entrySet().stream()
                    .filter(e -> new ConfigReader(e.getValue()).instanceName(TrustAnchors.TRUST_PID, "default").equals(trustName))
                    .findFirst().map(e -> new TrustAnchors.Stored(e.getKey(), new HashMap<>(e.getValue())));
        }

        @Override
        public TrustAnchors.Stored store(String pid, String trustName, Map<String, Object> properties) {
            String p = pid != null ? pid : TrustAnchors.TRUST_PID + "~" + trustName;
            Map<String, Object> stored = new HashMap<>(properties);
            stored.put("service.pid", p);
            stored.put("service.factoryPid", TrustAnchors.TRUST_PID);
            byPid.put(p, stored);
            return new TrustAnchors.Stored(p, new HashMap<>(stored));
        }

        String ca(String pid) {
            return String.valueOf(byPid.get(pid).get("ca"));
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        registry = new CredentialRegistry(scheduler, watcher, etc);
        registry.addListener(events::add);
        anchors = new TrustAnchors(registry, configurations);
        orgKey = TestCertificates.ecKey();
        org = TestCertificates.ca(orgKey, "CN=Org CA", T0.minusSeconds(86400), T0.plus(Duration.ofDays(3650)));
        uploadedKey = TestCertificates.ecKey();
        uploaded = TestCertificates.ca(uploadedKey, "CN=Meraki Upload CA,O=Partner", T0.minusSeconds(86400),
                T0.plus(Duration.ofDays(3650)));
        Files.createDirectories(etc.resolve("radsec/ca"));
        TestCertificates.writePem(etc.resolve("radsec/ca/ca.pem"), org);
        configure("default", "radsec/ca/ca.pem");
    }

    /** A store configured the way Karaf delivers etc/dev.radsec.pki.trust-<name>.cfg. */
    private String configure(String name, String ca) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("ca", ca);
        p.put("felix.fileinstall.filename", "file:" + etc.resolve("dev.radsec.pki.trust-" + name + ".cfg"));
        TrustAnchors.Stored s = configurations.store(TrustAnchors.TRUST_PID + ".generated-" + name, name, p);
        registry.trustConfigured(s.pid(), s.properties());
        return s.pid();
    }

    private static String pem(Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        return out.toString();
    }

    private List<String> fingerprints(String trust) {
        return anchors.anchors(trust).stream().map(TrustStoreAnchor::fingerprint).collect(Collectors.toList());
    }

    private X509Certificate peerOf(KeyPair caKey, X509Certificate ca) throws Exception {
        return TestCertificates.leaf(caKey, ca, TestCertificates.ecKey().getPublic(), "peer", T0.minusSeconds(60),
                T0.plus(Duration.ofDays(30)));
    }

    // ------------------------------------------------------------------------------------------------ list

    @Test
    void anchorsAreListedWithFileAndColonSeparatedSha256() throws Exception {
        List<TrustStoreAnchor> list = anchors.anchors("default");
        assertEquals(1, list.size());
        TrustStoreAnchor a = list.get(0);
        assertEquals(org, a.certificate());
        assertEquals("CN=Org CA", a.subject());
        assertEquals(etc.resolve("radsec/ca/ca.pem"), a.file());
        assertEquals(org.getNotAfter().toInstant(), a.notAfter());
        assertTrue(a.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), a.fingerprint());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(org.getEncoded());
        assertEquals(java.util.HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT), a.fingerprint().replace(":", ""));
        assertEquals(List.of(), anchors.anchors("nobody"));
    }

    @Test
    void fingerprintsAreTakenWithOrWithoutColonsInEitherCase() {
        String colon = TrustStoreAnchor.fingerprint(org);
        assertEquals(colon, TrustStoreAnchor.parseFingerprint(colon.replace(":", "").toLowerCase(Locale.ROOT)));
        assertEquals(colon, TrustStoreAnchor.parseFingerprint(" " + colon.toLowerCase(Locale.ROOT) + " "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustStoreAnchor.parseFingerprint(colon.substring(0, 20)));
        assertTrue(e.getMessage().contains("64 hexadecimal digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustStoreAnchor.parseFingerprint(colon.replace('A', 'G')));
    }

    // ------------------------------------------------------------------------------------------------ add

    @Test
    void anAddedAnchorIsWrittenToTheStoresDirectoryNamedInItsConfigurationAndTrustedAtOnce() throws Exception {
        X509Certificate peer = peerOf(uploadedKey, uploaded);
        assertThrows(CertificateException.class, () -> registry.validatePeer("default", new X509Certificate[] {peer}));

        TrustStoreAnchor added = anchors.add("default", pem(uploaded));

        Path directory = etc.resolve("radsec/trust/default");
        assertEquals(directory, anchors.anchorDirectory("default"));
        assertEquals(directory, added.file().getParent());
        assertEquals(uploaded, added.certificate());
        assertEquals(List.of(uploaded), CertificateReader.loadCertificates(added.file()));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(added.file())));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(added.file()), files.collect(Collectors.toList()), "no temporary file left behind");
        }
        assertEquals("radsec/ca/ca.pem, radsec/trust/default", configurations.ca(TrustAnchors.TRUST_PID + ".generated-default"));
        assertEquals(List.of(TrustStoreAnchor.fingerprint(org), added.fingerprint()), fingerprints("default"));
        registry.validatePeer("default", new X509Certificate[] {peer}); // no restart, no new trust manager
        assertTrue(events.stream().anyMatch(e -> e.kind() == CredentialEvent.Kind.TRUST_CHANGED && e.name().equals("default")));
    }

    @Test
    void aSecondAnchorOnlyWritesItsFileAndTheStoreReloadsIt() throws Exception {
        anchors.add("default", pem(uploaded));
        String configured = configurations.ca(TrustAnchors.TRUST_PID + ".generated-default");
        KeyPair otherKey = TestCertificates.ecKey();
        X509Certificate other = TestCertificates.ca(otherKey, "CN=Second Partner CA", T0.minusSeconds(60), T0.plusSeconds(86400));

        TrustStoreAnchor second = anchors.add("default", pem(other));

        assertEquals(configured, configurations.ca(TrustAnchors.TRUST_PID + ".generated-default"), "ca unchanged");
        assertEquals(etc.resolve("radsec/trust/default"), second.file().getParent());
        assertEquals(3, anchors.anchors("default").size());
        registry.validatePeer("default", new X509Certificate[] {peerOf(otherKey, other)});
    }

    @Test
    void aFileDroppedIntoTheStoresDirectoryIsPickedUpByTheWatcher() throws Exception {
        anchors.add("default", pem(uploaded));
        KeyPair otherKey = TestCertificates.ecKey();
        X509Certificate other = TestCertificates.ca(otherKey, "CN=Dropped CA", T0.minusSeconds(60), T0.plusSeconds(86400));
        Path dropped = etc.resolve("radsec/trust/default/dropped.pem");
        TestCertificates.writePem(dropped, other);
        assertEquals(2, anchors.anchors("default").size(), "not before the watcher tells");
        watcher.changed(dropped);
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertEquals(3, anchors.anchors("default").size());
        assertTrue(anchors.anchors("default").stream().anyMatch(a -> a.file().equals(dropped)));
    }

    @Test
    void addingToAStoreNobodyConfiguredCreatesItsConfiguration() throws Exception {
        TrustStoreAnchor added = anchors.add("partner", pem(uploaded));
        String pid = TrustAnchors.TRUST_PID + "~partner";
        assertEquals("radsec/trust/partner", configurations.ca(pid));
        assertEquals("partner", configurations.byPid.get(pid).get("name"));
        assertTrue(registry.trustStores().contains("partner"));
        assertEquals(List.of(added.fingerprint()), fingerprints("partner"));
    }

    @Test
    void whatIsNotOneCurrentCaCertificateIsRefusedAndNothingChanges() throws Exception {
        KeyPair leafKey = TestCertificates.ecKey();
        X509Certificate leaf = TestCertificates.leaf(orgKey, org, leafKey.getPublic(), "leaf", T0.minusSeconds(60),
                T0.plusSeconds(86400));
        X509Certificate expired = TestCertificates.ca(TestCertificates.ecKey(), "CN=Old CA", T0.minus(Duration.ofDays(400)),
                T0.minus(Duration.ofDays(35)));
        assertRefused("default", pem(leaf), "not a CA certificate");
        assertRefused("default", pem(expired), "expired at");
        assertRefused("default", pem(uploaded, org), "holds 2 certificates");
        assertRefused("default", "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n", "the uploaded PEM");
        assertRefused("default", "hello", "the uploaded PEM");
        assertRefused("default", "", "empty");
        assertRefused("default", pem(leafKey.getPublic()), "no certificate");
        assertRefused("../etc", pem(uploaded), "must be letters, digits");
        assertRefused("default", pem(org), "already an anchor");
        assertFalse(Files.exists(etc.resolve("radsec/trust")), "nothing written");
        assertEquals("radsec/ca/ca.pem", configurations.ca(TrustAnchors.TRUST_PID + ".generated-default"));

        // expiry is judged on the PKI's clock
        X509Certificate later = TestCertificates.ca(TestCertificates.ecKey(), "CN=Short CA", T0.minusSeconds(60),
                T0.plus(Duration.ofDays(2)));
        scheduler.advance(Duration.ofDays(3));
        assertRefused("default", pem(later), "expired at");
    }

    private void assertRefused(String trust, String pem, String reason) {
        CaException e = assertThrows(CaException.class, () -> anchors.add(trust, pem));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void aConfigurationThatWouldBeInvalidIsRefusedBeforeAnythingIsWritten() throws Exception {
        String pid = configure("strict", "radsec/ca/ca.pem");
        configurations.byPid.get(pid).put("check-revocation", "sometimes"); // stored, but the running one is valid
        CaException e = assertThrows(CaException.class, () -> anchors.add("strict", pem(uploaded)));
        assertTrue(e.getMessage().contains("check-revocation"), e.getMessage());
        assertFalse(Files.exists(etc.resolve("radsec/trust/strict")));
    }

    // ------------------------------------------------------------------------------------------------ remove

    @Test
    void removingAnAddedAnchorDeletesItsFileAndTheStoreStopsTrustingIt() throws Exception {
        KeyPair otherKey = TestCertificates.ecKey();
        X509Certificate other = TestCertificates.ca(otherKey, "CN=Second Partner CA", T0.minusSeconds(60), T0.plusSeconds(86400));
        TrustStoreAnchor first = anchors.add("default", pem(uploaded));
        TrustStoreAnchor second = anchors.add("default", pem(other));
        X509Certificate peer = peerOf(uploadedKey, uploaded);
        registry.validatePeer("default", new X509Certificate[] {peer});

        // typed as plain lower-case hex
        assertTrue(anchors.remove("default", first.fingerprint().replace(":", "").toLowerCase(Locale.ROOT)));

        assertFalse(Files.exists(first.file()));
        assertTrue(Files.exists(second.file()));
        assertEquals(List.of(TrustStoreAnchor.fingerprint(org), second.fingerprint()), fingerprints("default"));
        assertThrows(CertificateException.class, () -> registry.validatePeer("default", new X509Certificate[] {peer}));
        assertEquals("radsec/ca/ca.pem, radsec/trust/default", configurations.ca(TrustAnchors.TRUST_PID + ".generated-default"),
                "the directory still holds an anchor");

        assertFalse(anchors.remove("default", first.fingerprint()), "absent now");
    }

    @Test
    void removingTheLastAddedAnchorTakesTheEmptyDirectoryOutOfCa() throws Exception {
        TrustStoreAnchor added = anchors.add("default", pem(uploaded));
        assertTrue(anchors.remove("default", added.fingerprint()));
        assertEquals("radsec/ca/ca.pem", configurations.ca(TrustAnchors.TRUST_PID + ".generated-default"));
        assertEquals(List.of(TrustStoreAnchor.fingerprint(org)), fingerprints("default"));
        assertEquals(null, registry.trustMaterial("default").error, "the store still loads");
    }

    @Test
    void theLastAnchorOfAStoreIsNotRemoved() throws Exception {
        CaException e = assertThrows(CaException.class, () -> anchors.remove("default", TrustStoreAnchor.fingerprint(org)));
        assertTrue(e.getMessage().contains("only anchor"), e.getMessage());
        assertEquals(1, anchors.anchors("default").size());
        assertTrue(Files.exists(etc.resolve("radsec/ca/ca.pem")));
    }

    @Test
    void aConfiguredFileHoldingOnlyTheAnchorIsTakenOutOfCaAndLeftOnDisk() throws Exception {
        anchors.add("default", pem(uploaded));
        assertTrue(anchors.remove("default", TrustStoreAnchor.fingerprint(org)));
        assertEquals("radsec/trust/default", configurations.ca(TrustAnchors.TRUST_PID + ".generated-default"));
        assertTrue(Files.exists(etc.resolve("radsec/ca/ca.pem")), "the organisation CA's file is not the store's to delete");
        assertEquals(List.of(TrustStoreAnchor.fingerprint(uploaded)), fingerprints("default"));
    }

    @Test
    void anAnchorInAnOperatorsFileOrDirectoryIsRefusedNamingTheFile() throws Exception {
        Files.createDirectories(etc.resolve("bundle"));
        TestCertificates.writePem(etc.resolve("bundle/two.pem"), org, uploaded);
        configure("bundled", "bundle/two.pem");
        CaException e = assertThrows(CaException.class, () -> anchors.remove("bundled", TrustStoreAnchor.fingerprint(uploaded)));
        assertTrue(e.getMessage().contains("one of several certificates in " + etc.resolve("bundle/two.pem")), e.getMessage());

        Files.createDirectories(etc.resolve("cadir"));
        TestCertificates.writePem(etc.resolve("cadir/a.pem"), org);
        TestCertificates.writePem(etc.resolve("cadir/b.pem"), uploaded);
        configure("dir", "cadir");
        e = assertThrows(CaException.class, () -> anchors.remove("dir", TrustStoreAnchor.fingerprint(uploaded)));
        assertTrue(e.getMessage().contains(etc.resolve("cadir/b.pem") + ", in a directory"), e.getMessage());
        assertEquals(2, anchors.anchors("dir").size());
        assertTrue(Files.exists(etc.resolve("cadir/b.pem")));
    }

    @Test
    void aFileOfSeveralCertificatesInTheStoresDirectoryIsRewrittenWithoutTheAnchor() throws Exception {
        KeyPair otherKey = TestCertificates.ecKey();
        X509Certificate other = TestCertificates.ca(otherKey, "CN=Second Partner CA", T0.minusSeconds(60), T0.plusSeconds(86400));
        Path file = anchors.importCa("default", pem(uploaded, other));
        assertEquals(3, anchors.anchors("default").size());
        assertTrue(anchors.remove("default", TrustStoreAnchor.fingerprint(uploaded)));
        assertEquals(List.of(other), CertificateReader.loadCertificates(file));
        assertEquals(List.of(TrustStoreAnchor.fingerprint(org), TrustStoreAnchor.fingerprint(other)), fingerprints("default"));
    }

    @Test
    void removalIsRefusedForAnUnknownStoreOrAMalformedFingerprint() {
        CaException e = assertThrows(CaException.class, () -> anchors.remove("nobody", TrustStoreAnchor.fingerprint(org)));
        assertTrue(e.getMessage().contains("no trust store named 'nobody'"), e.getMessage());
        e = assertThrows(CaException.class, () -> anchors.remove("default", "12:34"));
        assertTrue(e.getMessage().contains("not a SHA-256 fingerprint"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ CRLs

    @Test
    void crlStatusNamesEachCrlFileWithItsTimesAndEntries() throws Exception {
        KeyPair leafKey = TestCertificates.ecKey();
        X509Certificate a = TestCertificates.leaf(orgKey, org, leafKey.getPublic(), "a", T0, T0.plusSeconds(86400));
        X509Certificate b = TestCertificates.leaf(orgKey, org, leafKey.getPublic(), "b", T0, T0.plusSeconds(86400));
        TestCertificates.writePem(etc.resolve("radsec/ca/crl.pem"),
                TestCertificates.crl(orgKey, org, T0.minusSeconds(30), a.getSerialNumber(), b.getSerialNumber()));
        configure("checked", "radsec/ca/ca.pem");
        CrlStatus none = anchors.crlStatus("checked");
        assertFalse(none.checked());
        assertEquals(List.of(), none.crls());

        Map<String, Object> p = new HashMap<>(configurations.byPid.get(TrustAnchors.TRUST_PID + ".generated-checked"));
        p.put("crl", "radsec/ca/crl.pem");
        registry.trustConfigured(TrustAnchors.TRUST_PID + ".generated-checked", p);
        CrlStatus status = anchors.crlStatus("checked");
        assertTrue(status.checked());
        assertEquals(1, status.crls().size());
        CrlStatus.Crl crl = status.crls().get(0);
        assertEquals(etc.resolve("radsec/ca/crl.pem").toString(), crl.source());
        assertEquals("CN=Org CA", crl.issuer());
        assertEquals(T0.minusSeconds(30), crl.thisUpdate());
        assertEquals(Optional.of(T0.minusSeconds(30).plus(Duration.ofDays(7))), crl.nextUpdate());
        assertEquals(2, crl.revokedEntries());
        assertEquals(Optional.empty(), status.loadError());
        assertEquals(Optional.empty(), status.lastFetchError());

        assertEquals(Optional.of("no trust store named 'nobody'"), anchors.crlStatus("nobody").loadError());
    }

    @Test
    void aStoreThatCannotLoadSaysWhyInItsCrlStatus() throws Exception {
        KeyPair foreignKey = TestCertificates.ecKey();
        X509Certificate foreign = TestCertificates.ca(foreignKey, "CN=Foreign CA", T0.minusSeconds(60), T0.plusSeconds(86400));
        TestCertificates.writePem(etc.resolve("radsec/foreign-crl.pem"), TestCertificates.crl(foreignKey, foreign, T0));
        Map<String, Object> p = new HashMap<>();
        p.put("name", "broken");
        p.put("ca", "radsec/ca/ca.pem");
        p.put("crl", "radsec/foreign-crl.pem");
        registry.trustConfigured("broken", p);
        String error = anchors.crlStatus("broken").loadError().orElseThrow();
        assertTrue(error.contains("not signed by a CA of this trust store"), error);
        assertEquals(List.of(), anchors.anchors("broken"));
    }
}
