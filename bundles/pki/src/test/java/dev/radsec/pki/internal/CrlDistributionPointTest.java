package dev.radsec.pki.internal;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ManualScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crl-distribution-points = true: CRLs fetched over HTTP from a loopback server the test runs. */
class CrlDistributionPointTest {
    private final Instant now = Instant.now();
    @TempDir
    Path etc;
    private HttpServer http;
    private final AtomicReference<X509CRL> served = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private ManualScheduler scheduler;
    private CredentialRegistry registry;
    private KeyPair caKey;
    private X509Certificate ca;
    private X509Certificate peer;

    @BeforeEach
    void setUp() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/ca.crl", exchange -> {
            fetches.incrementAndGet();
            X509CRL crl = served.get();
            byte[] body = crl == null ? new byte[0] : encoded(crl);
            exchange.sendResponseHeaders(crl == null ? 404 : 200, crl == null ? -1 : body.length);
            if (crl != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        http.start();
        caKey = TestCertificates.ecKey();
        ca = TestCertificates.ca(caKey, "CN=CRLDP CA", now.minusSeconds(60), now.plusSeconds(86400));
        TestCertificates.writePem(etc.resolve("ca.pem"), ca);
        peer = TestCertificates.leafWithCrlDistributionPoint(caKey, ca, TestCertificates.ecKey().getPublic(), "peer",
                now.minusSeconds(60), now.plusSeconds(86400),
                "http://127.0.0.1:" + http.getAddress().getPort() + "/ca.crl");
        scheduler = new ManualScheduler(now);
        registry = new CredentialRegistry(scheduler, new ManualFileWatcher(), etc);
        registry.trustConfigured("t", Map.of("ca", "ca.pem", "crl-distribution-points", "true"));
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    @Test
    void aPeerIsCheckedAgainstTheCrlItsCertificateNames() throws Exception {
        served.set(TestCertificates.crl(caKey, ca, now.minusSeconds(10)));
        registry.validatePeer("default", new X509Certificate[] {peer});
        registry.validatePeer("default", new X509Certificate[] {peer});
        assertEquals(1, fetches.get(), "cached until its nextUpdate");
    }

    @Test
    void withoutAReachableCrlTheRevocationStatusIsUnknownAndThePeerRefused() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> registry.validatePeer("default", new X509Certificate[] {peer}));
        assertTrue(e.getMessage().contains("no current CRL"), e.getMessage());
    }

    @Test
    void anHourlyRefreshSeesANewRevocationAndInvalidatesTheLivePeer() throws Exception {
        served.set(TestCertificates.crl(caKey, ca, now.minusSeconds(10)));
        registry.validatePeer("default", new X509Certificate[] {peer});
        AtomicReference<String> invalidated = new AtomicReference<>();
        registry.watchPeer("default", new X509Certificate[] {peer}, invalidated::set);

        served.set(TestCertificates.crl(caKey, ca, now.minusSeconds(5), peer.getSerialNumber()));
        scheduler.advance(TrustStores.CRL_REFRESH.minusSeconds(1));
        assertNull(invalidated.get());
        scheduler.advance(java.time.Duration.ofSeconds(1));
        assertTrue(invalidated.get() != null && invalidated.get().contains("revoked"), String.valueOf(invalidated.get()));
    }

    @Test
    void theCrlStatusShowsTheFetchedCrlAndTheLastFailedFetchUntilOneSucceeds() throws Exception {
        TrustAnchors anchors = new TrustAnchors(registry, null);
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/ca.crl";
        assertThrows(CertificateException.class, () -> registry.validatePeer("default", new X509Certificate[] {peer}));
        dev.radsec.pki.CrlStatus failed = anchors.crlStatus("default");
        assertTrue(failed.checked());
        assertEquals(java.util.List.of(), failed.crls());
        String error = failed.lastFetchError().orElseThrow();
        assertTrue(error.startsWith(url + " at " + now) && error.endsWith("HTTP 404"), error);

        served.set(TestCertificates.crl(caKey, ca, now.minusSeconds(10), peer.getSerialNumber()));
        assertThrows(CertificateException.class, () -> registry.validatePeer("default", new X509Certificate[] {peer}));
        dev.radsec.pki.CrlStatus fetched = anchors.crlStatus("default");
        assertEquals(java.util.Optional.empty(), fetched.lastFetchError(), "cleared by the fetch that succeeded");
        assertEquals(1, fetched.crls().size());
        assertEquals(url, fetched.crls().get(0).source());
        assertEquals(1, fetched.crls().get(0).revokedEntries());
        assertEquals("CN=CRLDP CA", fetched.crls().get(0).issuer());
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRejectedWithItsKey() throws Exception {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> registry.trustConfigured("u", Map.of("name", "u", "ca", "ca.pem", "crl-distribution-points", "yes")));
        assertEquals("crl-distribution-points", e.key());
    }

    private static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
