package dev.radsec.pki.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates made directly with Bouncy Castle, independent of the CA under test. */
final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {
    }

    static KeyPair ecKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate ca(KeyPair key, String dn, Instant from, Instant to) throws Exception {
        X500Name name = new X500Name(dn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from), Date.from(to),
                name, key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(b, key);
    }

    static X509Certificate leaf(KeyPair caKey, X509Certificate ca, PublicKey subjectKey, String cn, Instant from,
                                Instant to, GeneralName... sans) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new JcaX509CertificateHolder(ca).getSubject(),
                serial(), Date.from(from), Date.from(to), new X500Name("CN=" + cn), subjectKey);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (sans.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        return sign(b, caKey);
    }

    /** A leaf naming {@code crlUri} in its cRLDistributionPoints. */
    static X509Certificate leafWithCrlDistributionPoint(KeyPair caKey, X509Certificate ca, PublicKey subjectKey,
                                                        String cn, Instant from, Instant to, String crlUri) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new JcaX509CertificateHolder(ca).getSubject(),
                serial(), Date.from(from), Date.from(to), new X500Name("CN=" + cn), subjectKey);
        GeneralNames uri = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUri));
        b.addExtension(Extension.cRLDistributionPoints, false, new org.bouncycastle.asn1.x509.CRLDistPoint(
                new org.bouncycastle.asn1.x509.DistributionPoint[] {new org.bouncycastle.asn1.x509.DistributionPoint(
                        new org.bouncycastle.asn1.x509.DistributionPointName(uri), null, null)}));
        return sign(b, caKey);
    }

    static X509CRL crl(KeyPair caKey, X509Certificate ca, Instant now, BigInteger... revoked) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(ca).getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(now.plusSeconds(7 * 86400)));
        for (BigInteger s : revoked) {
            b.addCRLEntry(s, Date.from(now), CRLReason.keyCompromise);
        }
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate());
        return new JcaX509CRLConverter().getCRL(b.build(signer));
    }

    static void writePem(Path file, Object... objects) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".tmp", ".pem");
        try (Writer w = Files.newBufferedWriter(tmp); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                // Keys as PKCS#8 ("PRIVATE KEY"), the form openssl 3 writes by default.
                pem.writeObject(o instanceof java.security.PrivateKey
                        ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator((java.security.PrivateKey) o, null) : o);
            }
        }
        // Replace atomically, as an operator's tooling would, so a watcher never reads half a file.
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair key) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
