package dev.radsec.management.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.management.CertificateAuthorityMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.TrustStoreMXBean;
import dev.radsec.pki.CaException;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CrlStatus;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.TrustStoreAdmin;
import dev.radsec.pki.TrustStoreAnchor;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.RevocationReason;
import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/** The trust store and CA MXBeans in a plain MBeanServer: open types only, their values, and refusals as messages. */
class PkiMBeansTest {
    /** A P-256 root, {@code CN=Org CA,O=Example}, made once with openssl (valid until 2126). */
    static final String ROOT_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBrTCCAVOgAwIBAgIUb/pR3RGEPo0RyFSk/hjMkZZI6RIwCgYIKoZIzj0EAwIw
            IzEQMA4GA1UECgwHRXhhbXBsZTEPMA0GA1UEAwwGT3JnIENBMCAXDTI2MTIwMzA2
            NTY1MFoYDzIxMjYxMTA5MDY1NjUwWjAjMRAwDgYDVQQKDAdFeGFtcGxlMQ8wDQYD
            VQQDDAZPcmcgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARvoj25cbiuFLKe
            hsrKeKMQK0Pfn0spztjOub/VfmHlvn8jOj20fkphDJf+PjvXHesf7PqgQzj8LaS+
            sRbE0Ol4o2MwYTAdBgNVHQ4EFgQUOkxu3aUSfF66ZCVmXGI6YoqDsRQwHwYDVR0j
            BBgwFoAUOkxu3aUSfF66ZCVmXGI6YoqDsRQwDwYDVR0TAQH/BAUwAwEB/zAOBgNV
            HQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwIDSAAwRQIhAIf8rZm/zd0BUK5Is8C4JiWS
            D/N1iLYoH4NvbcNJw0pYAiAwRH3yaD9UChk5DF2gH6Xnalr31DD2nQM8uQD3hsOd
            zQ==
            -----END CERTIFICATE-----
            """;

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();

    /** A TrustStoreAdmin holding the anchors it is given, refusing what is not a certificate. */
    private static final class Anchors implements TrustStoreAdmin {
        final List<TrustStoreAnchor> held = new ArrayList<>();
        final CrlStatus crls;

        Anchors(CrlStatus crls) {
            this.crls = crls;
        }

        @Override
        public Path importCa(String trustName, String pem) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TrustStoreAnchor> anchors(String trustName) {
            return List.copyOf(held);
        }

        @Override
        public TrustStoreAnchor addAnchor(String trustName, String pem) throws CaException {
            if (!pem.contains("BEGIN CERTIFICATE")) {
                throw new CaException("the uploaded PEM holds no certificate");
            }
            try {
                X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
                TrustStoreAnchor a = TrustStoreAnchor.of(c, Path.of("/etc/radsec/trust/" + trustName + "/a.pem"));
                held.add(a);
                return a;
            } catch (java.security.cert.CertificateException e) {
                throw new CaException(e.getMessage(), e);
            }
        }

        @Override
        public boolean removeAnchor(String trustName, String fingerprint) throws CaException {
            String f = TrustStoreAnchor.parseFingerprint(fingerprint);
            return held.removeIf(a -> a.fingerprint().equals(f));
        }

        @Override
        public CrlStatus crlStatus(String trustName) {
            return crls;
        }

        @Override
        public Path anchorDirectory(String trustName) {
            return Path.of("/etc/radsec/trust", trustName);
        }
    }

    private void assertOpenTypes(ObjectName name) throws Exception {
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            assertTrue(a.getDescriptor().getFieldValue("openType") != null, a.getName() + " is not an open type");
        }
    }

    @Test
    void aTrustStoreListsItsAnchorsAndCrlsAndTakesAnchorsByPem() throws Exception {
        X509Certificate root = parse(ROOT_PEM);
        Instant next = Instant.parse("2026-12-01T00:00:00Z");
        Anchors admin = new Anchors(new CrlStatus(true, List.of(
                new CrlStatus.Crl("/etc/radsec/ca/crl.pem", "CN=Org CA", next.minusSeconds(86400), Optional.of(next), 2),
                new CrlStatus.Crl("http://crl.example/ca.crl", "CN=Partner CA", next.minusSeconds(60),
                        Optional.of(next.plusSeconds(3600)), 1)),
                Optional.of("http://crl.example/ca.crl at " + next + ": HTTP 404"), Optional.empty()));
        MBeanSet<String, TrustStoreMXBean> set = new MBeanSet<>(server, TrustStoreMXBean.class, ObjectNames::trustStore,
                n -> new TrustStoreMBean(n, admin, null));
        set.sync(Set.of("partners"));
        ObjectName name = new ObjectName("dev.radsec:type=TrustStore,name=partners");
        assertTrue(server.isRegistered(name));
        assertOpenTypes(name);

        CompositeData added = (CompositeData) server.invoke(name, "addAnchor",
                new Object[] {CertificateText.pem(root)}, new String[] {String.class.getName()});
        assertEquals("CN=Org CA,O=Example", added.get("subject"));
        assertEquals(TrustStoreAnchor.fingerprint(root), added.get("fingerprint"));
        assertEquals(root.getSerialNumber().toString(16), added.get("serial"));
        assertEquals(root.getNotAfter().toInstant().toString(), added.get("notAfter"));
        CompositeData[] anchors = (CompositeData[]) server.getAttribute(name, "Anchors");
        assertEquals(1, anchors.length);
        assertEquals("/etc/radsec/trust/partners/a.pem", anchors[0].get("file"));

        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class, () -> server.invoke(name, "addAnchor",
                new Object[] {"hello"}, new String[] {String.class.getName()}));
        assertTrue(refused.getCause() instanceof IllegalArgumentException, String.valueOf(refused.getCause()));
        assertEquals("the uploaded PEM holds no certificate", refused.getCause().getMessage());

        assertEquals(true, server.invoke(name, "removeAnchor",
                new Object[] {TrustStoreAnchor.fingerprint(root).replace(":", "")}, new String[] {String.class.getName()}));
        assertEquals(false, server.invoke(name, "removeAnchor",
                new Object[] {TrustStoreAnchor.fingerprint(root)}, new String[] {String.class.getName()}));

        assertEquals(true, server.getAttribute(name, "RevocationChecked"));
        CompositeData[] crls = (CompositeData[]) server.getAttribute(name, "Crls");
        assertEquals(2, crls.length);
        assertEquals("http://crl.example/ca.crl", crls[1].get("source"));
        assertEquals(1, crls[1].get("revokedEntries"));
        assertEquals(next.toString(), server.getAttribute(name, "CrlNextUpdate"), "the earliest");
        assertEquals(3, server.getAttribute(name, "RevokedEntries"));
        assertEquals("http://crl.example/ca.crl at " + next + ": HTTP 404", server.getAttribute(name, "LastFetchError"));
        assertEquals("", server.getAttribute(name, "LoadError"));
        for (String writable : new String[] {"Ca", "Crl", "CrlDistributionPoints", "CheckRevocation"}) {
            MBeanAttributeInfo info = List.of(server.getMBeanInfo(name).getAttributes()).stream()
                    .filter(a -> a.getName().equals(writable)).findFirst().orElseThrow();
            assertTrue(info.isWritable(), writable);
        }
    }

    @Test
    void theCaShowsItsCertificateInPemAndItsCountsButNeverItsKey() throws Exception {
        FixedCa ca = new FixedCa();
        MBeanSet<String, CertificateAuthorityMXBean> set = new MBeanSet<>(server, CertificateAuthorityMXBean.class,
                k -> ObjectNames.certificateAuthority(), k -> new CertificateAuthorityMBean(ca));
        set.sync(Set.of("ca"));
        ObjectName name = new ObjectName("dev.radsec:type=CertificateAuthority");
        assertOpenTypes(name);
        assertEquals(false, server.getAttribute(name, "Created"));
        assertEquals("", server.getAttribute(name, "CertificatePem"));
        assertEquals("", server.getAttribute(name, "Subject"));
        assertEquals(0, server.getAttribute(name, "IssuedCount"));

        ca.root = parse(ROOT_PEM);
        assertEquals(true, server.getAttribute(name, "Created"));
        String pem = (String) server.getAttribute(name, "CertificatePem");
        assertEquals(ROOT_PEM, pem, "PEM as OpenSSL writes it");
        assertEquals(ca.root, parse(pem));
        assertEquals("CN=Org CA,O=Example", server.getAttribute(name, "Subject"));
        assertEquals(TrustStoreAnchor.fingerprint(ca.root), server.getAttribute(name, "Fingerprint"));
        assertEquals("EC P-256", server.getAttribute(name, "KeyAlgorithm"));
        assertEquals("2126-11-09T06:56:50Z", server.getAttribute(name, "NotAfter"));
        assertEquals(ca.root.getSerialNumber().toString(16), server.getAttribute(name, "Serial"));
        assertEquals(2, server.getAttribute(name, "IssuedCount"));
        assertEquals(1, server.getAttribute(name, "RevokedCount"));
        assertEquals("/etc/radsec/ca/ca.pem", server.getAttribute(name, "CertificateFile"));
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            assertFalse(String.valueOf(server.getAttribute(name, a.getName())).contains("PRIVATE KEY"), a.getName());
        }
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** An organisation CA that has {@link #root} once it is set, and has issued two and revoked one. */
    private static final class FixedCa implements OrganisationCa {
        X509Certificate root;

        @Override
        public boolean exists() {
            return root != null;
        }

        @Override
        public X509Certificate certificate() throws CaException {
            if (root == null) {
                throw new CaException("no CA");
            }
            return root;
        }

        @Override
        public int issuedCount() {
            return root == null ? 0 : 2;
        }

        @Override
        public int revokedCount() {
            return root == null ? 0 : 1;
        }

        @Override
        public X509CRL crl() throws CaException {
            throw new CaException("no CRL published here");
        }

        @Override
        public Path crlFile() {
            return Path.of("/etc/radsec/ca/crl.pem"); // does not exist: CrlNextUpdate is empty
        }

        @Override
        public Path certificateFile() {
            return Path.of("/etc/radsec/ca/ca.pem");
        }

        @Override
        public X509Certificate create(String subject, KeyAlgorithm algorithm, Duration validity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile, Path pkcs12File,
                                       char[] password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate signCsr(String csrPem, CertificateProfile profile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509CRL revoke(BigInteger serial, RevocationReason reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509CRL publishCrl() {
            throw new UnsupportedOperationException();
        }
    }
}
