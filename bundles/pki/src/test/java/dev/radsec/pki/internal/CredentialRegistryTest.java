package dev.radsec.pki.internal;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ManualScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CertificateStatus.Reason;
import dev.radsec.pki.CredentialEvent;
import dev.radsec.pki.PeerWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's behaviour in time, with a clock the test moves: nothing here sleeps. */
class CredentialRegistryTest {
    private static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");

    @TempDir
    Path etc;
    private final ManualScheduler scheduler = new ManualScheduler(T0);
    private final ManualFileWatcher watcher = new ManualFileWatcher();
    private CredentialRegistry registry;
    private final List<CredentialEvent> events = new ArrayList<>();

    private KeyPair caKey;
    private X509Certificate ca;

    @BeforeEach
    void setUp() throws Exception {
        registry = new CredentialRegistry(scheduler, watcher, etc);
        registry.addListener(events::add);
        caKey = TestCertificates.ecKey();
        ca = TestCertificates.ca(caKey, "CN=Test CA,O=Test", T0.minusSeconds(86400), T0.plusSeconds(3650L * 86400));
        Files.createDirectories(etc.resolve("radsec"));
        TestCertificates.writePem(etc.resolve("radsec/ca.pem"), ca);
    }

    /** Writes a server certificate valid in [from, to] and its key, at etc/radsec/server.{pem,key}. */
    private X509Certificate writeServer(Instant from, Instant to) throws Exception {
        KeyPair key = TestCertificates.ecKey();
        X509Certificate cert = TestCertificates.leaf(caKey, ca, key.getPublic(), "server", from, to,
                new GeneralName(GeneralName.dNSName, "radsec.example.org"));
        TestCertificates.writePem(etc.resolve("radsec/server.key"), key.getPrivate());
        TestCertificates.writePem(etc.resolve("radsec/server.pem"), cert, ca);
        return cert;
    }

    private void configureServer(Object retryInterval) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "server");
        p.put("certificate", "radsec/server.pem");
        p.put("private-key", "radsec/server.key");
        if (retryInterval != null) {
            p.put("retry-interval", retryInterval);
        }
        registry.certificateConfigured("dev.radsec.pki.certificate.1", p);
    }

    private void configureServerWarning(Object expiryWarning) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "server");
        p.put("certificate", "radsec/server.pem");
        p.put("private-key", "radsec/server.key");
        p.put("expiry-warning", expiryWarning);
        p.put("retry-interval", "86400"); // an expired certificate retried daily: few loads while days pass
        registry.certificateConfigured("dev.radsec.pki.certificate.1", p);
    }

    private long expiring() {
        return events.stream().filter(e -> e.kind() == CredentialEvent.Kind.CERTIFICATE_EXPIRING).count();
    }

    private void configureTrust(String... crls) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("ca", "radsec/ca.pem");
        if (crls.length > 0) {
            p.put("crl", String.join(",", crls));
        }
        registry.trustConfigured("dev.radsec.pki.trust.1", p);
    }

    private List<CredentialEvent.Kind> kinds() {
        List<CredentialEvent.Kind> k = new ArrayList<>();
        for (CredentialEvent e : events) {
            k.add(e.kind());
        }
        return k;
    }

    @Test
    void aMissingCertificateIsRetriedEvery300SecondsAndNeverSpins() throws Exception {
        configureServer(null);
        CertificateStatus s = registry.certificate("server");
        assertEquals(Reason.MISSING, s.reason());
        assertTrue(s.detail().contains("server.pem"), s.detail());
        assertEquals(T0.plusSeconds(300), s.nextRetry().orElseThrow());
        assertEquals(1, scheduler.pending(), "one retry timer, nothing else");

        writeServer(T0.minusSeconds(60), T0.plus(Duration.ofDays(365))); // appears, but the watcher is not told
        scheduler.advance(Duration.ofSeconds(299));
        assertFalse(registry.certificate("server").isAvailable(), "not before the retry interval");
        scheduler.advance(Duration.ofSeconds(1));
        assertTrue(registry.certificate("server").isAvailable());
        assertEquals(List.of(CredentialEvent.Kind.CERTIFICATE_UNAVAILABLE, CredentialEvent.Kind.CERTIFICATE_AVAILABLE),
                kinds().subList(kinds().size() - 2, kinds().size()));
    }

    @Test
    void retryIntervalIsConfigurable() throws Exception {
        configureServer("60");
        assertEquals(T0.plusSeconds(60), registry.certificate("server").nextRetry().orElseThrow());
        scheduler.advance(Duration.ofSeconds(60));
        assertEquals(T0.plusSeconds(120), registry.certificate("server").nextRetry().orElseThrow(), "and again");
    }

    @Test
    void changedFilesAreReloadedWithoutRestartAndNewHandshakesUseThem() throws Exception {
        // valid longer than expiry-warning's 30 days: no CERTIFICATE_EXPIRING among the events
        X509Certificate first = writeServer(T0.minusSeconds(60), T0.plus(Duration.ofDays(365)));
        configureServer(null);
        assertTrue(registry.certificate("server").isAvailable(), registry.certificate("server").toString());
        var km = registry.keyManager("server");
        assertEquals(first, km.getCertificateChain("server")[0]);

        X509Certificate second = writeServer(T0.minusSeconds(60), T0.plus(Duration.ofDays(366)));
        watcher.changed(etc.resolve("radsec/server.pem"));
        watcher.changed(etc.resolve("radsec/server.key"));
        assertEquals(first, km.getCertificateChain("server")[0], "coalesced: not before the reload delay");
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertEquals(second, km.getCertificateChain("server")[0], "the same key manager presents the new one");
        assertEquals(CredentialEvent.Kind.CERTIFICATE_CHANGED, events.get(events.size() - 1).kind());
    }

    @Test
    void anExpiringCertificateBecomesUnavailableAtItsNotAfterAndIsRetried() throws Exception {
        writeServer(T0.minusSeconds(60), T0.plusSeconds(3600));
        configureServer(null);
        assertTrue(registry.certificate("server").isAvailable());
        scheduler.advance(Duration.ofSeconds(3600));
        assertTrue(registry.certificate("server").isAvailable(), "valid through notAfter");
        scheduler.advance(Duration.ofSeconds(1));
        CertificateStatus s = registry.certificate("server");
        assertEquals(Reason.EXPIRED, s.reason());
        assertNull(registry.keyManager("server").chooseServerAlias("EC", null, null), "no longer offered");
        assertEquals(s.detail(), events.get(events.size() - 1).status().orElseThrow().detail());

        writeServer(T0.minusSeconds(60), T0.plusSeconds(86400)); // renewed, found by the next retry
        scheduler.advance(Duration.ofSeconds(300));
        assertTrue(registry.certificate("server").isAvailable());
    }

    @Test
    void aCertificateIsReportedExpiringWhenItsWindowBeginsAndThenDaily() throws Exception {
        Instant notAfter = T0.plus(Duration.ofDays(60));
        writeServer(T0.minusSeconds(60), notAfter);
        configureServer(null); // expiry-warning 30 days by default
        assertTrue(registry.certificate("server").isAvailable());
        assertEquals(0, expiring(), "60 days left");

        scheduler.advance(Duration.ofDays(30).minusSeconds(1));
        assertEquals(0, expiring(), "not before 30 days are left");
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(1, expiring(), "the window begins");
        CredentialEvent warning = events.get(events.size() - 1);
        assertEquals("server", warning.name());
        assertEquals(notAfter, warning.status().orElseThrow().notAfter().orElseThrow());
        assertTrue(warning.status().orElseThrow().isAvailable(), "still usable");

        scheduler.advance(Duration.ofHours(23));
        assertEquals(1, expiring(), "once a day, not more");
        scheduler.advance(Duration.ofHours(1));
        assertEquals(2, expiring(), "a day later");
        scheduler.advance(Duration.ofDays(5));
        assertEquals(7, expiring(), "daily");

        // a reload (files touched) reports it at once, and the daily rhythm restarts from there
        scheduler.advance(Duration.ofHours(12));
        watcher.changed(etc.resolve("radsec/server.pem"));
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertEquals(8, expiring(), "once per load");
        scheduler.advance(Duration.ofHours(12));
        assertEquals(8, expiring(), "the old timer was called off by the reload");
        scheduler.advance(Duration.ofHours(12));
        assertEquals(9, expiring());

        // renewed: no more warnings
        writeServer(T0.minusSeconds(60), T0.plus(Duration.ofDays(400)));
        watcher.changed(etc.resolve("radsec/server.pem"));
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertEquals(CredentialEvent.Kind.CERTIFICATE_CHANGED, events.get(events.size() - 1).kind());
        scheduler.advance(Duration.ofDays(10));
        assertEquals(9, expiring());
    }

    @Test
    void aCertificateLoadedInsideItsWindowIsReportedRightAfterItBecomesAvailableUntilItExpires() throws Exception {
        writeServer(T0.minusSeconds(60), T0.plus(Duration.ofDays(2)));
        configureServerWarning("7");
        assertEquals(List.of(CredentialEvent.Kind.CERTIFICATE_AVAILABLE, CredentialEvent.Kind.CERTIFICATE_EXPIRING),
                kinds());
        scheduler.advance(Duration.ofDays(1));
        assertEquals(2, expiring());
        scheduler.advance(Duration.ofDays(1));
        assertEquals(3, expiring(), "at notAfter itself it is still valid, and still expiring");
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(Reason.EXPIRED, registry.certificate("server").reason());
        assertEquals(CredentialEvent.Kind.CERTIFICATE_UNAVAILABLE, events.get(events.size() - 1).kind());
        scheduler.advance(Duration.ofHours(25));
        assertEquals(3, expiring(), "an expired certificate is unavailable, no longer expiring");
    }

    @Test
    void expiryWarningZeroNeverWarnsAndOutOfRangeValuesAreRefused() throws Exception {
        writeServer(T0.minusSeconds(60), T0.plus(Duration.ofDays(2)));
        configureServerWarning("0");
        scheduler.advance(Duration.ofDays(1));
        assertEquals(0, expiring());
        assertEquals(0, scheduler.pending() - 1, "only the expiry timer is set");
        for (String bad : new String[] {"-1", "3651", "soon"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> configureServerWarning(bad));
            assertEquals("expiry-warning", e.key());
            assertTrue(e.getMessage().contains("0-3650"), e.getMessage());
        }
    }

    @Test
    void aRevokedCertificateIsToldAsUnavailableWithReasonRevokedAndTheTrustStoreInItsDetail() throws Exception {
        X509Certificate cert = writeServer(T0.minusSeconds(60), T0.plus(Duration.ofDays(365)));
        TestCertificates.writePem(etc.resolve("radsec/crl.pem"), TestCertificates.crl(caKey, ca, T0));
        configureTrust("radsec/crl.pem");
        configureServer(null);
        assertTrue(registry.certificate("server").isAvailable());
        TestCertificates.writePem(etc.resolve("radsec/crl.pem"), TestCertificates.crl(caKey, ca, T0, cert.getSerialNumber()));
        watcher.changed(etc.resolve("radsec/crl.pem"));
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        CredentialEvent last = events.get(events.size() - 1);
        assertEquals(CredentialEvent.Kind.CERTIFICATE_UNAVAILABLE, last.kind());
        assertEquals(Reason.REVOKED, last.status().orElseThrow().reason());
        assertTrue(last.status().orElseThrow().detail().contains("trust store 'default'"), last.status().orElseThrow().detail());
    }

    @Test
    void aCertificateNotYetValidIsUnavailableUntilRetriedAfterItsStart() throws Exception {
        writeServer(T0.plusSeconds(200), T0.plusSeconds(86400));
        configureServer(null);
        assertEquals(Reason.NOT_YET_VALID, registry.certificate("server").reason());
        scheduler.advance(Duration.ofSeconds(300));
        assertTrue(registry.certificate("server").isAvailable());
    }

    @Test
    void aKeyOfAnotherCertificateIsAMismatch() throws Exception {
        writeServer(T0.minusSeconds(60), T0.plusSeconds(86400));
        TestCertificates.writePem(etc.resolve("radsec/server.key"), TestCertificates.ecKey().getPrivate());
        configureServer(null);
        assertEquals(Reason.KEY_MISMATCH, registry.certificate("server").reason());
    }

    @Test
    void aRevokedLocalCertificateIsUnavailableAndRecoversWhenTheCrlChanges() throws Exception {
        X509Certificate cert = writeServer(T0.minusSeconds(60), T0.plusSeconds(86400));
        TestCertificates.writePem(etc.resolve("radsec/crl.pem"),
                TestCertificates.crl(caKey, ca, T0, cert.getSerialNumber()));
        configureTrust("radsec/crl.pem");
        configureServer(null);
        assertEquals(Reason.REVOKED, registry.certificate("server").reason());

        TestCertificates.writePem(etc.resolve("radsec/crl.pem"), TestCertificates.crl(caKey, ca, T0));
        watcher.changed(etc.resolve("radsec/crl.pem"));
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertTrue(registry.certificate("server").isAvailable());
    }

    @Test
    void peersAreValidatedAgainstTheTrustStoreWithItsCrls() throws Exception {
        X509Certificate good = writeServer(T0.minusSeconds(60), T0.plusSeconds(86400));
        configureTrust();
        registry.validatePeer("default", new X509Certificate[] {good, ca});
        registry.validatePeer("default", new X509Certificate[] {good});

        KeyPair otherKey = TestCertificates.ecKey();
        X509Certificate otherCa = TestCertificates.ca(otherKey, "CN=Other CA", T0.minusSeconds(60), T0.plusSeconds(86400));
        X509Certificate stranger = TestCertificates.leaf(otherKey, otherCa, TestCertificates.ecKey().getPublic(), "x",
                T0.minusSeconds(60), T0.plusSeconds(86400));
        assertThrows(CertificateException.class, () -> registry.validatePeer("default", new X509Certificate[] {stranger}));
        assertTrue(assertThrows(CertificateException.class,
                () -> registry.validatePeer("nope", new X509Certificate[] {good})).getMessage().contains("'nope'"));
    }

    @Test
    void aLivePeerIsInvalidatedWhenANewCrlRevokesIt() throws Exception {
        X509Certificate peer = writeServer(T0.minusSeconds(60), T0.plusSeconds(86400));
        TestCertificates.writePem(etc.resolve("radsec/crl.pem"), TestCertificates.crl(caKey, ca, T0));
        configureTrust("radsec/crl.pem");
        registry.validatePeer("default", new X509Certificate[] {peer});
        AtomicReference<String> invalidated = new AtomicReference<>();
        registry.watchPeer("default", new X509Certificate[] {peer}, invalidated::set);

        TestCertificates.writePem(etc.resolve("radsec/crl.pem"),
                TestCertificates.crl(caKey, ca, T0, peer.getSerialNumber()));
        watcher.changed(etc.resolve("radsec/crl.pem"));
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertTrue(invalidated.get() != null && invalidated.get().contains("revoked"), String.valueOf(invalidated.get()));
        assertThrows(CertificateException.class, () -> registry.validatePeer("default", new X509Certificate[] {peer}));
    }

    @Test
    void aLivePeerIsInvalidatedWhenItsCertificateExpires() throws Exception {
        X509Certificate peer = writeServer(T0.minusSeconds(60), T0.plusSeconds(600));
        configureTrust();
        AtomicReference<String> invalidated = new AtomicReference<>();
        PeerWatch w = registry.watchPeer("default", new X509Certificate[] {peer}, invalidated::set);
        scheduler.advance(Duration.ofSeconds(600));
        assertNull(invalidated.get());
        scheduler.advance(Duration.ofSeconds(1));
        assertTrue(invalidated.get().contains("expired"), invalidated.get());
        w.close();
    }

    @Test
    void aClosedWatchIsNotToldAnything() throws Exception {
        X509Certificate peer = writeServer(T0.minusSeconds(60), T0.plusSeconds(600));
        configureTrust();
        AtomicReference<String> invalidated = new AtomicReference<>();
        registry.watchPeer("default", new X509Certificate[] {peer}, invalidated::set).close();
        scheduler.advance(Duration.ofSeconds(601));
        assertNull(invalidated.get());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void removingTheTrustStoreInvalidatesItsPeers() throws Exception {
        X509Certificate peer = writeServer(T0.minusSeconds(60), T0.plusSeconds(86400));
        configureTrust();
        AtomicReference<String> invalidated = new AtomicReference<>();
        registry.watchPeer("default", new X509Certificate[] {peer}, invalidated::set);
        registry.trustRemoved("dev.radsec.pki.trust.1");
        assertTrue(invalidated.get().contains("no trust store named 'default'"), invalidated.get());
    }

    @Test
    void invalidConfigurationIsRejectedWithKeyAndReasonAndTheRunningOneStays() throws Exception {
        writeServer(T0.minusSeconds(60), T0.plusSeconds(86400));
        configureServer(null);
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> configureServer("0"));
        assertEquals("retry-interval", e.key());
        assertTrue(e.getMessage().contains("0 is outside 1-86400"), e.getMessage());
        assertTrue(registry.certificate("server").isAvailable(), "still running");

        Map<String, Object> noCert = new HashMap<>(Map.of("name", "x"));
        assertEquals("certificate", assertThrows(InvalidConfigurationException.class,
                () -> registry.certificateConfigured("pid-2", noCert)).key());
        Map<String, Object> clash = new HashMap<>(Map.of("name", "server", "certificate", "a.pem"));
        assertEquals("name", assertThrows(InvalidConfigurationException.class,
                () -> registry.certificateConfigured("pid-3", clash)).key());
        Map<String, Object> badMode = new HashMap<>(Map.of("ca", "radsec/ca.pem", "check-revocation", "ocsp"));
        assertEquals("check-revocation", assertThrows(InvalidConfigurationException.class,
                () -> registry.trustConfigured("pid-4", badMode)).key());
        Map<String, Object> crlWithout = new HashMap<>(Map.of("ca", "radsec/ca.pem", "check-revocation", "crl"));
        assertEquals("check-revocation", assertThrows(InvalidConfigurationException.class,
                () -> registry.trustConfigured("pid-5", crlWithout)).key());
    }

    @Test
    void removingACertificateReportsItAndStopsItsTimers() throws Exception {
        configureServer(null);
        registry.certificateRemoved("dev.radsec.pki.certificate.1");
        assertEquals(Reason.NOT_CONFIGURED, registry.certificate("server").reason());
        assertEquals(CredentialEvent.Kind.CERTIFICATE_REMOVED, events.get(events.size() - 1).kind());
        assertEquals(0, scheduler.pending());
        assertEquals(0, watcher.registrations());
    }

    @Test
    void passwordsNeverAppearInStatusOrEvents() throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("name", "p12");
        p.put("certificate", "radsec/missing.p12");
        p.put("password", "hunter2-secret");
        registry.certificateConfigured("pid-p12", p);
        String all = registry.certificates() + " " + events;
        assertFalse(all.contains("hunter2"), all);
    }
}
