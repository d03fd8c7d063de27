package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.radsec.common.SuppliedClock;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, certificates, CRLs and a settable clock for the credential file and OrganisationCa tests. */
final class PkiFixtures {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private PkiFixtures() {
    }

    /**
     * A P-256 key pair made by Bouncy Castle's provider (not registered): its keys write SEC1 ({@code EC PRIVATE
     * KEY}) the way OpenSSL does, with the curve and public key inside; the JDK's do not.
     */
    static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate, a CA or not. */
    static X509Certificate selfSigned(KeyPair key, String cn, boolean ca) throws Exception {
        X500Name name = new X500Name("CN=" + cn);
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))), name, key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        String algorithm = "RSA".equals(key.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())));
    }

    /** A non-CA certificate for {@code key}, issued by {@code ca}. */
    static X509Certificate issued(KeyPair caKey, X509Certificate ca, KeyPair key, String cn) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))),
                new javax.security.auth.x500.X500Principal("CN=" + cn), key.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        String algorithm = "RSA".equals(caKey.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(caKey.getPrivate())));
    }

    /** A CRL of {@code issuer}, valid for an hour, listing {@code serials} as key compromises. */
    static X509CRL crl(KeyPair key, X509Certificate issuer, BigInteger... serials) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer).getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(now.plusSeconds(3600)));
        for (BigInteger s : serials) {
            b.addCRLEntry(s, Date.from(now), CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    /** Asserts that the chain and key load, and that the key is {@code expected}'s, as a plain JDK key. */
    static void assertLoads(Path cert, Path key, char[] password, KeyPair expected) throws Exception {
        KeyedChain kc = KeyedChainReader.load(cert, key, password);
        assertArrayEquals(expected.getPublic().getEncoded(), kc.leaf().getPublicKey().getEncoded());
        if (expected.getPrivate() instanceof ECPrivateKey) {
            assertEquals(((ECPrivateKey) expected.getPrivate()).getS(), ((ECPrivateKey) kc.privateKey()).getS());
        } else {
            assertEquals(((RSAPrivateKey) expected.getPrivate()).getPrivateExponent(),
                    ((RSAPrivateKey) kc.privateKey()).getPrivateExponent());
        }
        // a plain JDK key, usable by JSSE without Bouncy Castle registered
        assertFalse(kc.privateKey().getClass().getName().contains("bouncycastle"), kc.privateKey().getClass().getName());
    }

    /** Writes objects with JcaPEMWriter (for a PrivateKey: traditional PKCS#1 / SEC1). */
    static Path writePem(Path file, Object... objects) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        }
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    /** Texts that must never appear in a message: base64 pieces of the key's encodings (PKCS#8 and PEM lines). */
    static List<String> secretsOf(PrivateKey key) {
        List<String> secrets = new ArrayList<>();
        String b64 = Base64.getEncoder().encodeToString(key.getEncoded());
        for (int i = 0; i + 24 <= b64.length(); i += 24) {
            secrets.add(b64.substring(i, i + 24));
        }
        return secrets;
    }

    /** Every message and toString() of a throwable and its causes and suppressed exceptions. */
    static String allText(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append('\n').append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                b.append(allText(s));
            }
        }
        return b.toString();
    }

    /** A clock the test sets. */
    static final class SettableClock extends SuppliedClock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant now) {
            this(new AtomicReference<>(now));
        }

        private SettableClock(AtomicReference<Instant> now) {
            super(now::get);
            this.now = now;
        }

        void set(Instant now) {
            this.now.set(now);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }
}
