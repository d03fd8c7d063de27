package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.pki.CaException;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CertificateProfile.Usage;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.RevocationReason;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CRLReason;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrganisationCaTest {
    private static final String SUBJECT = "CN=Example Org RadSec CA,O=Example Org";

    @TempDir
    Path tmp;

    private Path caDir() {
        return tmp.resolve("etc/radsec/ca");
    }

    private OrganisationCaImpl newCa() {
        return new OrganisationCaImpl(caDir(), Clock.systemUTC());
    }

    // ------------------------------------------------------------------ create

    @Test
    void createEc() throws Exception {
        OrganisationCaImpl ca = newCa();
        assertFalse(ca.exists());
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(3650));
        assertTrue(ca.exists());
        assertEquals(root, ca.certificate());
        assertEquals(caDir().resolve("ca.pem"), ca.certificateFile());
        assertEquals(caDir().resolve("crl.pem"), ca.crlFile());

        assertEquals(SUBJECT, root.getSubjectX500Principal().getName());
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        root.verify(root.getPublicKey());
        assertEquals(3, root.getVersion());
        assertTrue(root.getPublicKey() instanceof ECPublicKey);
        assertEquals(256, ((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", root.getSigAlgName());
        assertCaExtensions(root);
        assertSerial(root.getSerialNumber());

        X509CRL crl = ca.crl();
        assertNull(crl.getRevokedCertificates());
        assertEquals(BigInteger.ONE, crlNumber(crl));
        crl.verify(root.getPublicKey());
        assertEquals(crl, CrlReader.loadCrls(ca.crlFile()).get(0));

        assertEquals("rwx------", mode(caDir()));
        assertEquals("rw-------", mode(caDir().resolve("ca.key")));
        assertTrue(Files.readString(caDir().resolve("ca.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
        // ca.pem and ca.key load together with KeyedChainReader, and ca.pem is a trust anchor
        KeyedChainReader.load(ca.certificateFile(), caDir().resolve("ca.key"), null);
        assertEquals(List.of(root), CertificateReader.loadCaCertificates(ca.certificateFile()));
    }

    @Test
    void createRsa() throws Exception {
        OrganisationCaImpl ca = newCa();
        X509Certificate root = ca.create("CN=RSA CA", KeyAlgorithm.RSA_2048, Duration.ofDays(365));
        assertEquals(2048, ((RSAPublicKey) root.getPublicKey()).getModulus().bitLength());
        assertEquals("SHA256withRSA", root.getSigAlgName());
        assertCaExtensions(root);
        IssuedCertificate issued = ca.issue(CertificateProfile.builder("radius.example.org").dnsName("radius.example.org")
                .keyAlgorithm(KeyAlgorithm.RSA_3072).build(), tmp.resolve("r.pem"), tmp.resolve("r.key"));
        X509Certificate leaf = issued.certificate();
        assertEquals(3072, ((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength());
        assertEquals("SHA256withRSA", leaf.getSigAlgName());
        // RSA leaves: digitalSignature and keyEncipherment
        assertArrayEquals(Arrays.copyOf(new boolean[] {true, false, true}, 9), Arrays.copyOf(leaf.getKeyUsage(), 9));
        validate(root, leaf);
        // no O in the CA's subject: the leaf has only a CN
        assertEquals("CN=radius.example.org", leaf.getSubjectX500Principal().getName());
    }

    @Test
    void refusesToOverwrite() throws Exception {
        OrganisationCaImpl ca = newCa();
        ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        byte[] key = Files.readAllBytes(caDir().resolve("ca.key"));
        byte[] cert = Files.readAllBytes(caDir().resolve("ca.pem"));
        CaException e = assertThrows(CaException.class, () -> ca.create("CN=Other", KeyAlgorithm.EC_P256, Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
        assertThrows(CaException.class, () -> newCa().create("CN=Other", KeyAlgorithm.RSA_2048, Duration.ofDays(1)));
        assertArrayEquals(key, Files.readAllBytes(caDir().resolve("ca.key")));
        assertArrayEquals(cert, Files.readAllBytes(caDir().resolve("ca.pem")));

        // only a certificate: refused, and it is untouched (a create writes the key first, so it is not ours)
        Files.move(caDir().resolve("ca.key"), tmp.resolve("elsewhere.key"));
        CaException half = assertThrows(CaException.class, () -> ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(1)));
        assertTrue(half.getMessage().contains("ca.pem"), half.getMessage());
        assertArrayEquals(cert, Files.readAllBytes(caDir().resolve("ca.pem")));
    }

    @Test
    void aKeyWithoutItsCertificateIsWhatAnInterruptedCreateLeavesAndIsSetAsideNotDestroyed() throws Exception {
        OrganisationCaImpl ca = newCa();
        ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        byte[] key = Files.readAllBytes(caDir().resolve("ca.key"));
        Files.delete(caDir().resolve("ca.pem")); // as if the create had been killed between the key and the certificate
        assertFalse(ca.exists());

        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        assertTrue(ca.exists());
        assertEquals(root, ca.certificate());
        assertArrayEquals(key, Files.readAllBytes(caDir().resolve("ca.key.interrupted")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                caDir().resolve("ca.key.interrupted"))));
        assertEquals(0, ca.issuedCount());
        ca.crl().verify(root.getPublicKey());

        // a second one is kept beside the first
        byte[] second = Files.readAllBytes(caDir().resolve("ca.key"));
        Files.delete(caDir().resolve("ca.pem"));
        ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        assertArrayEquals(key, Files.readAllBytes(caDir().resolve("ca.key.interrupted")));
        assertArrayEquals(second, Files.readAllBytes(caDir().resolve("ca.key.interrupted-2")));
    }

    @Test
    void badInputs() throws Exception {
        OrganisationCaImpl ca = newCa();
        assertThrows(CaException.class, () -> ca.create("not a DN", KeyAlgorithm.EC_P256, Duration.ofDays(1)));
        assertThrows(CaException.class, () -> ca.create(" ", KeyAlgorithm.EC_P256, Duration.ofDays(1)));
        assertThrows(CaException.class, () -> ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ZERO));
        assertFalse(Files.exists(caDir().resolve("ca.key")));
        // no CA yet
        CaException none = assertThrows(CaException.class, ca::certificate);
        assertTrue(none.getMessage().contains("no CA exists in " + caDir()), none.getMessage());
        assertThrows(CaException.class, ca::crl);
        assertThrows(CaException.class, () -> ca.issue(CertificateProfile.builder("x").build(), tmp.resolve("x.pem"),
                tmp.resolve("x.key")));
        assertThrows(CaException.class, () -> ca.revoke(BigInteger.TEN, RevocationReason.UNSPECIFIED));
    }

    // ------------------------------------------------------------------ issue

    @Test
    void issueWithSubjectAltNames() throws Exception {
        OrganisationCaImpl ca = newCa();
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(3650));
        CertificateProfile profile = CertificateProfile.builder("radsec.example.org")
                .dnsName("radsec.example.org").dnsName("*.ap.example.org")
                .ipAddress(InetAddress.getByName("192.0.2.10")).ipAddress(InetAddress.getByName("2001:db8::1"))
                .naiRealm("example.org").naiRealm("*.eduroam.example")
                .usage(Usage.SERVER).validity(Duration.ofDays(90)).build();
        Path certFile = tmp.resolve("out/server.pem");
        Path keyFile = tmp.resolve("out/server.key");
        IssuedCertificate issued = ca.issue(profile, certFile, keyFile);
        X509Certificate leaf = issued.certificate();
        assertEquals(certFile, issued.certificateFile());
        assertEquals(keyFile, issued.keyFile());

        assertEquals("CN=radsec.example.org,O=Example Org", leaf.getSubjectX500Principal().getName());
        assertEquals(root.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        assertEquals(-1, leaf.getBasicConstraints());
        assertTrue(leaf.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        assertArrayEquals(Arrays.copyOf(new boolean[] {true}, 9), Arrays.copyOf(leaf.getKeyUsage(), 9));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), leaf.getExtendedKeyUsage());
        assertSerial(leaf.getSerialNumber());
        assertEquals(Duration.ofDays(90).plus(OrganisationCaImpl.BACKDATE),
                Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()));

        // SANs, parsed with Bouncy Castle
        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(leaf);
        GeneralName[] names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName).getNames();
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        List<String> realms = new ArrayList<>();
        for (GeneralName n : names) {
            switch (n.getTagNo()) {
                case GeneralName.dNSName:
                    dns.add(n.getName().toString());
                    break;
                case GeneralName.iPAddress:
                    ips.add(InetAddress.getByAddress(ASN1OctetString.getInstance(n.getName()).getOctets()));
                    break;
                case GeneralName.otherName:
                    OtherName other = OtherName.getInstance(n.getName());
                    assertEquals("1.3.6.1.5.5.7.8.8", other.getTypeID().getId());
                    ASN1Encodable value = other.getValue();
                    assertTrue(value instanceof DERUTF8String, "NAIRealm is a UTF8String, not " + value.getClass());
                    realms.add(((DERUTF8String) value).getString());
                    break;
                default:
                    throw new AssertionError("unexpected SAN " + n);
            }
        }
        assertEquals(List.of("radsec.example.org", "*.ap.example.org"), dns);
        assertEquals(List.of(InetAddress.getByName("192.0.2.10"), InetAddress.getByName("2001:db8::1")), ips);
        assertEquals(List.of("example.org", "*.eduroam.example"), realms);
        assertFalse(holder.getExtension(Extension.subjectAlternativeName).isCritical());

        // SKI / AKI
        byte[] rootSki = SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(root).getExtensions()).getKeyIdentifier();
        assertArrayEquals(rootSki, AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier());
        assertNotNull(SubjectKeyIdentifier.fromExtensions(holder.getExtensions()));

        // files: chain leaf + CA, key 0600 PKCS#8, and they load together
        assertEquals("rw-------", mode(keyFile));
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN PRIVATE KEY-----"));
        KeyedChain kc = KeyedChainReader.load(certFile, keyFile, null);
        assertArrayEquals(new X509Certificate[] {leaf, root}, kc.chain());
        validate(root, leaf);
        assertTrue(issued.toString().contains("CN=radsec.example.org"));
        assertFalse(issued.toString().contains(Base64.getEncoder().encodeToString(kc.privateKey().getEncoded()).substring(0, 40)));
    }

    @Test
    void extendedKeyUsages() throws Exception {
        OrganisationCaImpl ca = newCa();
        ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), issue(ca, CertificateProfile.builder("ap-1").usage(Usage.CLIENT).build(), "c")
                .getExtendedKeyUsage());
        X509Certificate both = issue(ca, CertificateProfile.builder("proxy").build(), "b");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), both.getExtendedKeyUsage());
        // no SANs in the profile: no SAN extension
        assertNull(both.getSubjectAlternativeNames());
    }

    @Test
    void issueRefusesExistingFiles() throws Exception {
        OrganisationCaImpl ca = newCa();
        ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        Path cert = Files.writeString(tmp.resolve("taken.pem"), "keep me");
        CaException e = assertThrows(CaException.class,
                () -> ca.issue(CertificateProfile.builder("x").build(), cert, tmp.resolve("new.key")));
        assertTrue(e.getMessage().contains("taken.pem exists already"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("new.key")));
        Path key = Files.writeString(tmp.resolve("taken.key"), "keep me");
        assertThrows(CaException.class, () -> ca.issue(CertificateProfile.builder("x").build(), tmp.resolve("new.pem"), key));
        assertFalse(Files.exists(tmp.resolve("new.pem")));
        assertEquals("keep me", Files.readString(cert));
        assertEquals("keep me", Files.readString(key));
    }

    // ------------------------------------------------------------------ CSR

    @Test
    void signCsr() throws Exception {
        OrganisationCaImpl ca = newCa();
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        KeyPair deviceKey = PkiFixtures.ec();
        String csr = csrPem(deviceKey, "CN=ignored-by-the-ca");
        CertificateProfile profile = CertificateProfile.builder("ap-17.example.org").dnsName("ap-17.example.org")
                .usage(Usage.CLIENT).validity(Duration.ofDays(30)).build();
        X509Certificate leaf = ca.signCsr(csr, profile);
        assertArrayEquals(deviceKey.getPublic().getEncoded(), leaf.getPublicKey().getEncoded());
        assertEquals("CN=ap-17.example.org,O=Example Org", leaf.getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        assertEquals(List.of(List.of(2, "ap-17.example.org")), new ArrayList<>(leaf.getSubjectAlternativeNames()));
        validate(root, leaf);
        // it was recorded: it can be revoked
        X509CRL crl = ca.revoke(leaf.getSerialNumber(), RevocationReason.SUPERSEDED);
        assertNotNull(crl.getRevokedCertificate(leaf.getSerialNumber()));

        KeyPair rsaKey = PkiFixtures.rsa();
        X509Certificate rsaLeaf = ca.signCsr(csrPem(rsaKey, "CN=rsa"), profile);
        assertArrayEquals(rsaKey.getPublic().getEncoded(), rsaLeaf.getPublicKey().getEncoded());
        assertTrue(rsaLeaf.getKeyUsage()[2], "keyEncipherment for RSA");
    }

    @Test
    void signCsrRefusesBadRequests() throws Exception {
        OrganisationCaImpl ca = newCa();
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        CertificateProfile profile = CertificateProfile.builder("x").build();

        // signed by another key than the one it carries
        KeyPair carried = PkiFixtures.ec();
        KeyPair signer = PkiFixtures.ec();
        PKCS10CertificationRequest forged = new JcaPKCS10CertificationRequestBuilder(
                new javax.security.auth.x500.X500Principal("CN=forged"), carried.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));
        CaException bad = assertThrows(CaException.class, () -> ca.signCsr(pem(forged), profile));
        assertTrue(bad.getMessage().contains("signature is not valid"), bad.getMessage());

        CaException notPem = assertThrows(CaException.class, () -> ca.signCsr("hello", profile));
        assertTrue(notPem.getMessage().contains("not PEM"), notPem.getMessage());
        String good = csrPem(carried, "CN=x");
        CaException corrupt = assertThrows(CaException.class,
                () -> ca.signCsr(good.replace("-----END CERTIFICATE REQUEST-----", ""), profile));
        assertTrue(corrupt.getMessage().contains("not valid PEM"), corrupt.getMessage());
        CaException cert = assertThrows(CaException.class, () -> ca.signCsr(pem(root), profile));
        assertTrue(cert.getMessage().contains("not a CERTIFICATE REQUEST"), cert.getMessage());
        assertThrows(CaException.class, () -> ca.signCsr("", profile));
    }

    // ------------------------------------------------------------------ revoke

    @Test
    void revokePublishesCrl() throws Exception {
        OrganisationCaImpl ca = newCa();
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        X509Certificate a = issue(ca, CertificateProfile.builder("a").build(), "a");
        X509Certificate b = issue(ca, CertificateProfile.builder("b").build(), "b");
        validate(root, a, ca.crl());

        X509CRL crl = ca.revoke(a.getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        assertEquals(crl, ca.crl());
        assertEquals(BigInteger.TWO, crlNumber(crl));
        crl.verify(root.getPublicKey());
        X509CRLEntry entry = crl.getRevokedCertificate(a.getSerialNumber());
        assertEquals(CRLReason.KEY_COMPROMISE, entry.getRevocationReason());
        assertNull(crl.getRevokedCertificate(b.getSerialNumber()));
        assertTrue(crl.getNextUpdate().after(crl.getThisUpdate()));
        assertArrayEquals(
                SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(root).getExtensions()).getKeyIdentifier(),
                AuthorityKeyIdentifier.fromExtensions(new JcaX509CRLHolder(crl).getExtensions()).getKeyIdentifier());

        CertPathValidatorException revoked = assertThrows(CertPathValidatorException.class, () -> validate(root, a, crl));
        assertEquals(CertPathValidatorException.BasicReason.REVOKED, revoked.getReason());
        validate(root, b, crl);

        // unspecified: listed without a reasonCode extension (RFC 5280 5.3.1)
        X509CRL second = ca.revoke(b.getSerialNumber(), RevocationReason.UNSPECIFIED);
        assertEquals(BigInteger.valueOf(3), crlNumber(second));
        assertNotNull(second.getRevokedCertificate(b.getSerialNumber()));
        assertNull(second.getRevokedCertificate(b.getSerialNumber()).getRevocationReason());
        assertEquals(CRLReason.KEY_COMPROMISE, second.getRevokedCertificate(a.getSerialNumber()).getRevocationReason());

        CaException again = assertThrows(CaException.class, () -> ca.revoke(a.getSerialNumber(), RevocationReason.SUPERSEDED));
        assertTrue(again.getMessage().contains("already revoked"), again.getMessage());
        assertEquals(second, ca.crl(), "a refused revocation publishes nothing");
    }

    @Test
    void unknownSerialIsRefused() throws Exception {
        OrganisationCaImpl ca = newCa();
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        CaException e = assertThrows(CaException.class, () -> ca.revoke(BigInteger.valueOf(0xabcdef), RevocationReason.KEY_COMPROMISE));
        assertTrue(e.getMessage().contains("abcdef was not issued by this CA"), e.getMessage());
        assertThrows(CaException.class, () -> ca.revoke(root.getSerialNumber(), RevocationReason.CA_COMPROMISE));
        assertEquals(BigInteger.ONE, crlNumber(ca.crl()));
    }

    @Test
    void stateSurvivesANewInstance() throws Exception {
        OrganisationCaImpl first = newCa();
        X509Certificate root = first.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        X509Certificate a = issue(first, CertificateProfile.builder("a").build(), "a");
        X509Certificate b = issue(first, CertificateProfile.builder("b").build(), "b");
        first.revoke(a.getSerialNumber(), RevocationReason.AFFILIATION_CHANGED);

        OrganisationCaImpl second = newCa();
        assertTrue(second.exists());
        assertEquals(root, second.certificate());
        assertThrows(CaException.class, () -> second.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(1)));
        X509CRL crl = second.revoke(b.getSerialNumber(), RevocationReason.CESSATION_OF_OPERATION);
        assertEquals(BigInteger.valueOf(3), crlNumber(crl));
        assertEquals(CRLReason.AFFILIATION_CHANGED, crl.getRevokedCertificate(a.getSerialNumber()).getRevocationReason());
        assertEquals(CRLReason.CESSATION_OF_OPERATION, crl.getRevokedCertificate(b.getSerialNumber()).getRevocationReason());
        assertThrows(CaException.class, () -> second.revoke(a.getSerialNumber(), RevocationReason.KEY_COMPROMISE));

        // republishing keeps the entries and raises the number
        X509CRL again = new OrganisationCaImpl(caDir(), Clock.systemUTC()).publishCrl();
        assertEquals(BigInteger.valueOf(4), crlNumber(again));
        assertEquals(2, again.getRevokedCertificates().size());
    }

    // ------------------------------------------------------------------ time

    @Test
    void fixedClockGivesExpectedValidity() throws Exception {
        Instant now = Instant.parse("2030-03-01T12:00:00.750Z");
        Instant second = Instant.parse("2030-03-01T12:00:00Z");
        OrganisationCaImpl ca = new OrganisationCaImpl(caDir(), Clock.fixed(now, ZoneOffset.UTC));
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(1000));
        assertEquals(Date.from(second.minus(Duration.ofMinutes(5))), root.getNotBefore());
        assertEquals(Date.from(second.plus(Duration.ofDays(1000))), root.getNotAfter());
        X509CRL crl = ca.crl();
        assertEquals(Date.from(second), crl.getThisUpdate());
        assertEquals(Date.from(second.plus(Duration.ofDays(7))), crl.getNextUpdate());

        X509Certificate leaf = issue(ca, CertificateProfile.builder("leaf").validity(Duration.ofDays(365)).build(), "l");
        assertEquals(Date.from(second.minus(Duration.ofMinutes(5))), leaf.getNotBefore());
        assertEquals(Date.from(second.plus(Duration.ofDays(365))), leaf.getNotAfter());

        X509CRL revoked = ca.revoke(leaf.getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        assertEquals(Date.from(second), revoked.getRevokedCertificate(leaf.getSerialNumber()).getRevocationDate());
    }

    @Test
    void leafNeverOutlivesTheCa() throws Exception {
        PkiFixtures.SettableClock clock = new PkiFixtures.SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
        OrganisationCaImpl ca = new OrganisationCaImpl(caDir(), clock);
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(100));
        clock.advance(Duration.ofDays(90));
        X509Certificate leaf = issue(ca, CertificateProfile.builder("long").validity(Duration.ofDays(365)).build(), "long");
        assertEquals(root.getNotAfter(), leaf.getNotAfter(), "clamped to the CA's notAfter");

        clock.advance(Duration.ofDays(11));
        CaException e = assertThrows(CaException.class, () -> issue(ca, CertificateProfile.builder("late").build(), "late"));
        assertTrue(e.getMessage().contains("CA certificate expired"), e.getMessage());
    }

    @Test
    void notBeforeIsNeverBeforeTheCas() throws Exception {
        PkiFixtures.SettableClock clock = new PkiFixtures.SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
        OrganisationCaImpl ca = new OrganisationCaImpl(caDir(), clock);
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(100));
        clock.advance(Duration.ofMinutes(-2)); // the clock stepped back
        X509Certificate leaf = issue(ca, CertificateProfile.builder("early").build(), "early");
        assertEquals(root.getNotBefore(), leaf.getNotBefore());
    }

    // ------------------------------------------------------------------ helpers

    private X509Certificate issue(OrganisationCaImpl ca, CertificateProfile profile, String name) throws CaException {
        return ca.issue(profile, tmp.resolve(name + ".pem"), tmp.resolve(name + ".key")).certificate();
    }

    private static void assertCaExtensions(X509Certificate root) throws Exception {
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints(), "cA=true without a path length");
        assertTrue(root.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        boolean[] usage = root.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0] || usage[2]);
        JcaX509CertificateHolder holder = new JcaX509CertificateHolder(root);
        byte[] ski = SubjectKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier();
        assertArrayEquals(ski, AuthorityKeyIdentifier.fromExtensions(holder.getExtensions()).getKeyIdentifier());
    }

    private static void assertSerial(BigInteger serial) {
        assertEquals(1, serial.signum());
        assertTrue(serial.bitLength() <= 159 && serial.bitLength() >= 64, "serial of " + serial.bitLength() + " bits");
        assertTrue(serial.toByteArray().length <= 20);
        assertNotEquals(BigInteger.ONE, serial);
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
    }

    // ------------------------------------------------------------------ PKCS#12 and counts

    @Test
    void issueWritesAPkcs12FileWithKeyCertificateAndChain() throws Exception {
        OrganisationCaImpl ca = newCa();
        X509Certificate root = ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        char[] password = "device-pass".toCharArray();
        IssuedCertificate issued = ca.issue(CertificateProfile.builder("ap-1").dnsName("ap-1.example").build(),
                tmp.resolve("certs/ap-1.crt"), tmp.resolve("certs/ap-1.key"), tmp.resolve("certs/ap-1.p12"), password);
        Path p12 = issued.pkcs12File().orElseThrow();
        assertEquals(tmp.resolve("certs/ap-1.p12"), p12);
        assertEquals("rw-------", mode(p12));
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, password);
        }
        assertEquals(List.of("ap-1"), java.util.Collections.list(store.aliases()));
        java.security.cert.Certificate[] chain = store.getCertificateChain("ap-1");
        assertEquals(List.of(issued.certificate(), root), Arrays.asList(chain));
        java.security.PrivateKey key = (java.security.PrivateKey) store.getKey("ap-1", password);
        KeyMatch.require(issued.certificate(), p12, key, p12);
        // and as a local certificate of the PKI
        assertEquals(issued.certificate(), KeyedChainReader.load(p12, null, password).leaf());
        assertTrue(issued.toString().contains("ap-1.p12"), issued.toString());
        assertEquals(1, ca.issuedCount());
    }

    @Test
    void aPkcs12FileIsRefusedWithoutPasswordOverAnExistingFileOrTwiceTheSameFile() throws Exception {
        OrganisationCaImpl ca = newCa();
        ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        CertificateProfile profile = CertificateProfile.builder("ap-2").build();
        CaException e = assertThrows(CaException.class, () -> ca.issue(profile, tmp.resolve("a.crt"), tmp.resolve("a.key"),
                tmp.resolve("a.p12"), new char[0]));
        assertTrue(e.getMessage().contains("needs a password"), e.getMessage());
        e = assertThrows(CaException.class, () -> ca.issue(profile, tmp.resolve("a.crt"), tmp.resolve("a.key"),
                tmp.resolve("a.key"), "x".toCharArray()));
        assertTrue(e.getMessage().contains("must differ"), e.getMessage());
        Files.writeString(tmp.resolve("a.p12"), "an operator's file");
        e = assertThrows(CaException.class, () -> ca.issue(profile, tmp.resolve("a.crt"), tmp.resolve("a.key"),
                tmp.resolve("a.p12"), "x".toCharArray()));
        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
        assertEquals("an operator's file", Files.readString(tmp.resolve("a.p12")));
        assertFalse(Files.exists(tmp.resolve("a.key")));
        assertEquals(0, ca.issuedCount(), "nothing issued");
    }

    @Test
    void issuedAndRevokedAreCounted() throws Exception {
        OrganisationCaImpl ca = newCa();
        assertEquals(0, ca.issuedCount());
        assertEquals(0, ca.revokedCount());
        ca.create(SUBJECT, KeyAlgorithm.EC_P256, Duration.ofDays(365));
        IssuedCertificate one = ca.issue(CertificateProfile.builder("one").build(), tmp.resolve("1.crt"), tmp.resolve("1.key"));
        ca.issue(CertificateProfile.builder("two").build(), tmp.resolve("2.crt"), tmp.resolve("2.key"));
        ca.revoke(one.certificate().getSerialNumber(), RevocationReason.SUPERSEDED);
        assertEquals(2, ca.issuedCount());
        assertEquals(1, ca.revokedCount());
    }

    private static void validate(X509Certificate root, X509Certificate leaf, X509CRL... crls) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(crls.length > 0);
        if (crls.length > 0) {
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crls))));
        }
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    private static String csrPem(KeyPair key, String subject) throws Exception {
        String algorithm = "RSA".equals(key.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                new javax.security.auth.x500.X500Principal(subject), key.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate()));
        return pem(csr);
    }

    private static String pem(Object o) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
