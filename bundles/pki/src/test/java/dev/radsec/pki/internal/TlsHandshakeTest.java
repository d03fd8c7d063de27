package dev.radsec.pki.internal;

import dev.radsec.common.ManualScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real mutual-TLS handshakes on loopback with the registry's contexts. */
class TlsHandshakeTest {
    /** Only bounds a hung handshake: a pass never waits for it, and a busy shared CI machine never reaches it. */
    private static final int TIMEOUT_SECONDS = 30;

    private final Instant now = Instant.now();
    @TempDir
    Path etc;
    private final ManualScheduler scheduler = new ManualScheduler(now);
    private final ManualFileWatcher watcher = new ManualFileWatcher();
    private CredentialRegistry registry;
    private KeyPair caKey;
    private X509Certificate ca;

    @BeforeEach
    void setUp() throws Exception {
        registry = new CredentialRegistry(scheduler, watcher, etc);
        caKey = TestCertificates.ecKey();
        ca = TestCertificates.ca(caKey, "CN=TLS Test CA", now.minusSeconds(60), now.plusSeconds(86400));
        TestCertificates.writePem(etc.resolve("ca.pem"), ca);
        TestCertificates.writePem(etc.resolve("crl.pem"), TestCertificates.crl(caKey, ca, now.minusSeconds(10)));
        registry.trustConfigured("trust", Map.of("ca", "ca.pem", "crl", "crl.pem"));
        TestCertificates.writePem(etc.resolve("crl.pem"), TestCertificates.crl(caKey, ca, now.minusSeconds(10)));
        watcher.changed(etc.resolve("crl.pem"));
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        issue("server", "radsec.example.org");
        issue("client", "nas.example.org");
        registry.certificateConfigured("c1", Map.of("name", "server", "certificate", "server.pem", "private-key", "server.key"));
        registry.certificateConfigured("c2", Map.of("name", "client", "certificate", "client.pem", "private-key", "client.key"));
    }

    private X509Certificate issue(String name, String dns) throws Exception {
        KeyPair key = TestCertificates.ecKey();
        X509Certificate cert = TestCertificates.leaf(caKey, ca, key.getPublic(), name, now.minusSeconds(60),
                now.plusSeconds(86400), new GeneralName(GeneralName.dNSName, dns));
        TestCertificates.writePem(etc.resolve(name + ".key"), key.getPrivate());
        TestCertificates.writePem(etc.resolve(name + ".pem"), cert, ca);
        return cert;
    }

    /** Handshakes once; returns the certificate the client saw. */
    private X509Certificate handshake(SSLContext server, SSLContext client) throws Exception {
        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ss.setNeedClientAuth(true);
            ss.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write(1);
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the client side reports what went wrong
                }
            });
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    ss.getLocalPort())) {
                c.setSoTimeout(TIMEOUT_SECONDS * 1000);
                c.startHandshake();
                c.getInputStream().read();
                c.getOutputStream().write(1);
                accepted.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return (X509Certificate) c.getSession().getPeerCertificates()[0];
            }
        }
    }

    @Test
    void mutualTlsWithNamedCredentials() throws Exception {
        X509Certificate seen = handshake(registry.sslContext("server", "default"), registry.sslContext("client", "default"));
        assertTrue(seen.getSubjectX500Principal().getName().contains("CN=server"));
    }

    @Test
    void theSameContextPresentsAReplacedCertificateAtTheNextHandshake() throws Exception {
        SSLContext server = registry.sslContext("server", "default");
        SSLContext client = registry.sslContext("client", "default");
        handshake(server, client);
        X509Certificate renewed = issue("server", "radsec.example.org");
        watcher.changed(etc.resolve("server.pem"));
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        assertEquals(renewed, handshake(server, client));
    }

    @Test
    void aRevokedClientIsRefusedAtTheHandshake() throws Exception {
        X509Certificate client = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(etc.resolve("client.pem")));
        TestCertificates.writePem(etc.resolve("crl.pem"),
                TestCertificates.crl(caKey, ca, now.minusSeconds(5), client.getSerialNumber()));
        watcher.changed(etc.resolve("crl.pem"));
        scheduler.advance(ConfiguredEntries.RELOAD_DELAY);
        // The client's own certificate is now unavailable to it, and the server would refuse it anyway.
        assertEquals(dev.radsec.pki.CertificateStatus.Reason.REVOKED, registry.certificate("client").reason());
        assertThrows(SSLException.class,
                () -> handshake(registry.sslContext("server", "default"), registry.sslContext("client", "default")));
    }

    @Test
    void anUnknownTrustStoreTrustsNobody() {
        assertThrows(SSLException.class,
                () -> handshake(registry.sslContext("server", "default"), registry.sslContext("client", "nope")));
    }
}
