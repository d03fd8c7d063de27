package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.PkiFixtures.allText;
import static dev.radsec.pki.internal.PkiFixtures.assertLoads;
import static dev.radsec.pki.internal.PkiFixtures.secretsOf;
import static dev.radsec.pki.internal.PkiFixtures.writePem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.function.Predicate;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;

/** Certificates with their keys, in every key format and PKCS#12, and what is reported when they do not load. */
class KeyedChainReaderTest extends CredentialFileTestBase {
    private static final String PASSWORD = "Correct-Horse-7731";
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    // ------------------------------------------------------------------ key formats

    @Test
    void pkcs1RsaKey() throws Exception {
        Path key = writePem(dir.resolve("rsa.key"), rsa.getPrivate());
        assertTrue(Files.readString(key).startsWith("-----BEGIN RSA PRIVATE KEY-----"), Files.readString(key).substring(0, 40));
        assertLoads(writePem(dir.resolve("rsa.pem"), rsaCert), key, null, rsa);
    }

    @Test
    void sec1EcKeyWithAndWithoutParameters() throws Exception {
        Path cert = writePem(dir.resolve("ec.pem"), ecCert);
        Path plain = writePem(dir.resolve("ec.key"), ec.getPrivate());
        assertTrue(Files.readString(plain).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        assertLoads(cert, plain, null, ec);

        Path withParameters = writePem(dir.resolve("ec-params.key"),
                new PemObject("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded()), ec.getPrivate());
        assertTrue(Files.readString(withParameters).startsWith("-----BEGIN EC PARAMETERS-----"));
        assertLoads(cert, withParameters, null, ec);
    }

    @Test
    void pkcs8Keys() throws Exception {
        Path rsaKey = writePem(dir.resolve("rsa8.key"), new JcaPKCS8Generator(rsa.getPrivate(), null));
        Path ecKey = writePem(dir.resolve("ec8.key"), new JcaPKCS8Generator(ec.getPrivate(), null));
        assertTrue(Files.readString(ecKey).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertLoads(writePem(dir.resolve("rsa.pem"), rsaCert), rsaKey, null, rsa);
        assertLoads(writePem(dir.resolve("ec.pem"), ecCert), ecKey, null, ec);
        // a password given for an unencrypted key is ignored
        assertLoads(dir.resolve("ec.pem"), ecKey, PASSWORD.toCharArray(), ec);
    }

    @Test
    void derPkcs8KeyAndDerCertificate() throws Exception {
        Path cert = Files.write(dir.resolve("ec.der"), ecCert.getEncoded());
        Path key = Files.write(dir.resolve("ec-key.der"), ec.getPrivate().getEncoded());
        assertLoads(cert, key, null, ec);
    }

    @Test
    void encryptedPkcs8Pbes2Keys() throws Exception {
        assertEncryptedKeysLoad("-enc8.key", KeyedChainReaderTest::writeEncryptedPkcs8,
                pem -> pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    }

    @Test
    void legacyEncryptedPemKeys() throws Exception {
        assertEncryptedKeysLoad("-legacy.key", KeyedChainReaderTest::writeLegacyEncrypted,
                pem -> pem.contains("Proc-Type: 4,ENCRYPTED"));
    }

    /** Writes {@code kp}'s private key to {@code file}, encrypted with {@link #PASSWORD}. */
    private interface EncryptedKeyWriter {
        Path write(Path file, KeyPair kp) throws Exception;
    }

    /**
     * The RSA and the EC key, each written by {@code writer} to {@code ALGORITHM + suffix}: the file is in the form
     * {@code written} tells, and it loads with the password.
     */
    private void assertEncryptedKeysLoad(String suffix, EncryptedKeyWriter writer, Predicate<String> written)
            throws Exception {
        for (KeyPair kp : List.of(rsa, ec)) {
            Path key = writer.write(dir.resolve(kp.getPrivate().getAlgorithm() + suffix), kp);
            assertTrue(written.test(Files.readString(key)));
            assertLoadsWithPassword(key, kp);
        }
    }

    @Test
    void chainIsKeptLeafFirst() throws Exception {
        Path cert = writePem(dir.resolve("chain.pem"), ecCert, caCert);
        Path key = writePem(dir.resolve("ec.key"), ec.getPrivate());
        KeyedChain kc = KeyedChainReader.load(cert, key, null);
        assertArrayEquals(new X509Certificate[] {ecCert, caCert}, kc.chain());
        assertEquals(ecCert, kc.leaf());
    }

    @Test
    void combinedCertificateAndKeyFile() throws Exception {
        Path both = writePem(dir.resolve("both.pem"), ecCert, new JcaPKCS8Generator(ec.getPrivate(), null));
        assertLoads(both, both, null, ec);
    }

    @Test
    void pkcs12ByExtensionAndByContent() throws Exception {
        byte[] p12 = pkcs12(ec, ecCert, caCert);
        Path named = Files.write(dir.resolve("bundle.p12"), p12);
        KeyedChain kc = KeyedChainReader.load(named, null, PASSWORD.toCharArray());
        assertEquals(((ECPrivateKey) ec.getPrivate()).getS(), ((ECPrivateKey) kc.privateKey()).getS());
        assertEquals(ecCert, kc.chain()[0]);
        assertEquals(2, kc.chain().length);

        Path unnamed = Files.write(dir.resolve("bundle.bin"), p12);
        assertEquals(ecCert, KeyedChainReader.load(unnamed, null, PASSWORD.toCharArray()).leaf());

        Path rsaP12 = Files.write(dir.resolve("rsa.pfx"), pkcs12(rsa, rsaCert));
        assertEquals(rsa.getPrivate(), KeyedChainReader.load(rsaP12, null, PASSWORD.toCharArray()).privateKey());
    }

    // ------------------------------------------------------------------ failures

    @Test
    void wrongPasswordForEncryptedKeys() throws Exception {
        Path cert = writePem(dir.resolve("rsa.pem"), rsaCert);
        Path pkcs8 = writeEncryptedPkcs8(dir.resolve("enc8.key"), rsa);
        Path legacy = writeLegacyEncrypted(dir.resolve("legacy.key"), rsa);
        for (Path key : List.of(pkcs8, legacy)) {
            CredentialFileException e = failure(cert, key, "not-the-password".toCharArray(), Kind.UNREADABLE, key);
            assertEquals(key + ": wrong password for the encrypted private key", e.getMessage());
            assertNoSecrets(e, rsa, PASSWORD, "not-the-password");
            CredentialFileException none = failure(cert, key, null, Kind.UNREADABLE, key);
            assertTrue(none.getMessage().contains("encrypted, and no password is configured"), none.getMessage());
        }
    }

    @Test
    void wrongOrMissingPasswordForPkcs12() throws Exception {
        Path p12 = Files.write(dir.resolve("bundle.p12"), pkcs12(ec, ecCert));
        CredentialFileException e = failure(p12, null, "nope-nope".toCharArray(), Kind.UNREADABLE, p12);
        assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
        assertNoSecrets(e, ec, PASSWORD, "nope-nope");
        CredentialFileException none = failure(p12, null, null, Kind.UNREADABLE, p12);
        assertTrue(none.getMessage().contains("needs a password"), none.getMessage());
    }

    @Test
    void corruptPem() throws Exception {
        Path key = writePem(dir.resolve("ec.key"), ec.getPrivate());
        String pem = Files.readString(writePem(dir.resolve("x.pem"), ecCert));
        Path corrupt = dir.resolve("corrupt.pem");
        Files.writeString(corrupt, pem.replace("-----END CERTIFICATE-----", ""));
        CredentialFileException e = failure(corrupt, key, null, Kind.UNREADABLE, corrupt);
        assertTrue(e.getMessage().startsWith(corrupt + ": corrupt PEM: "), e.getMessage());

        Path badBase64 = dir.resolve("bad64.pem");
        String[] lines = pem.split("\n");
        lines[3] = "!!!!" + lines[3].substring(4);
        Files.writeString(badBase64, String.join("\n", lines));
        CredentialFileException e2 = failure(badBase64, key, null, Kind.UNREADABLE, badBase64);
        assertTrue(e2.getMessage().startsWith(badBase64 + ": corrupt"), e2.getMessage());

        // a corrupt key: its base64 must not leak into the message
        String keyPem = Files.readString(key);
        Path corruptKey = dir.resolve("corrupt.key");
        Files.writeString(corruptKey, keyPem.replace("-----END EC PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----"));
        CredentialFileException e3 = failure(writePem(dir.resolve("ec.pem"), ecCert), corruptKey, null, Kind.UNREADABLE,
                corruptKey);
        assertTrue(e3.getMessage().startsWith(corruptKey + ": corrupt PEM"), e3.getMessage());
        assertNoSecrets(e3, ec);
    }

    @Test
    void noPemObject() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.pem"), "just some text\n");
        Path key = writePem(dir.resolve("ec.key"), ec.getPrivate());
        CredentialFileException e = failure(text, key, null, Kind.UNREADABLE, text);
        assertEquals(text + ": no PEM object found, and not a DER certificate", e.getMessage());

        Path empty = Files.write(dir.resolve("empty.pem"), new byte[0]);
        assertTrue(failure(empty, key, null, Kind.UNREADABLE, empty).getMessage().contains("no PEM object found"));

        // a key file with only a certificate in it
        Path cert = writePem(dir.resolve("ec.pem"), ecCert);
        CredentialFileException noKey = failure(cert, cert, null, Kind.UNREADABLE, cert);
        assertEquals(cert + ": no private key found in this PEM file", noKey.getMessage());

        // a certificate file with only a key in it
        CredentialFileException noCert = failure(key, key, null, Kind.UNREADABLE, key);
        assertEquals(key + ": no certificate found in this PEM file", noCert.getMessage());
        assertNoSecrets(noCert, ec);

        CredentialFileException crls = assertThrows(CredentialFileException.class, () -> CrlReader.loadCrls(cert));
        assertEquals(cert + ": no CRL (X509 CRL) found in this PEM file", crls.getMessage());
    }

    @Test
    void missingFiles() throws Exception {
        Path cert = writePem(dir.resolve("ec.pem"), ecCert);
        Path key = writePem(dir.resolve("ec.key"), ec.getPrivate());
        Path nowhere = dir.resolve("nowhere.pem");
        assertEquals(nowhere + ": does not exist", failure(nowhere, key, null, Kind.MISSING, nowhere).getMessage());
        failure(cert, nowhere, null, Kind.MISSING, nowhere);
        failure(nowhere, null, PASSWORD.toCharArray(), Kind.MISSING, nowhere);
        assertEquals(Kind.MISSING, assertThrows(CredentialFileException.class,
                () -> CertificateReader.loadCaCertificates(nowhere)).kind());
        assertEquals(Kind.MISSING, assertThrows(CredentialFileException.class,
                () -> CrlReader.loadCrls(nowhere)).kind());
    }

    @Test
    void keyThatDoesNotMatch() throws Exception {
        Path ecPem = writePem(dir.resolve("ec.pem"), ecCert);
        Path otherEc = writePem(dir.resolve("other-ec.key"), PkiFixtures.ec().getPrivate());
        CredentialFileException e = failure(ecPem, otherEc, null, Kind.KEY_MISMATCH, otherEc);
        assertTrue(e.getMessage().startsWith(otherEc + ": the private key does not match the certificate's public key"),
                e.getMessage());
        assertTrue(e.getMessage().contains(ecPem.toString()), e.getMessage());

        // an RSA key for an EC certificate, and the other way round
        Path rsaKey = writePem(dir.resolve("rsa.key"), rsa.getPrivate());
        assertNoSecrets(failure(ecPem, rsaKey, null, Kind.KEY_MISMATCH, rsaKey), rsa);
        Path rsaPem = writePem(dir.resolve("rsa.pem"), rsaCert);
        Path ecKey = writePem(dir.resolve("ec.key"), ec.getPrivate());
        failure(rsaPem, ecKey, null, Kind.KEY_MISMATCH, ecKey);
        // the key of the second certificate in the chain is not the leaf's
        Path chain = writePem(dir.resolve("chain.pem"), ecCert, caCert);
        failure(chain, writePem(dir.resolve("ca.key"), caKey.getPrivate()), null, Kind.KEY_MISMATCH, dir.resolve("ca.key"));
    }

    @Test
    void pkcs12AsCertificateWithSeparateKeyIsRefused() throws Exception {
        Path p12 = Files.write(dir.resolve("bundle.p12"), pkcs12(ec, ecCert));
        Path key = writePem(dir.resolve("ec.key"), ec.getPrivate());
        failure(p12, key, PASSWORD.toCharArray(), Kind.UNREADABLE, p12);
        // and a PEM certificate without a key file
        Path pem = writePem(dir.resolve("ec.pem"), ecCert);
        assertTrue(failure(pem, null, null, Kind.UNREADABLE, pem).getMessage().contains("not a PKCS#12 file"));
    }

    @Test
    void keyedChainToStringShowsOnlyTheLeaf() throws Exception {
        Path key = writeEncryptedPkcs8(dir.resolve("enc.key"), ec);
        KeyedChain kc = KeyedChainReader.load(writePem(dir.resolve("ec.pem"), ecCert, caCert), key,
                PASSWORD.toCharArray());
        String s = kc.toString();
        assertEquals("KeyedChain(CN=ec.example.org, serial " + ecCert.getSerialNumber().toString(16) + ")", s);
        for (String secret : secretsOf(ec.getPrivate())) {
            assertFalse(s.contains(secret));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Asserts that {@code key}, encrypted with {@link #PASSWORD}, loads with the certificate for {@code kp}. */
    private void assertLoadsWithPassword(Path key, KeyPair kp) throws Exception {
        Path cert = writePem(dir.resolve(kp.getPrivate().getAlgorithm() + ".pem"), kp == rsa ? rsaCert : ecCert);
        assertLoads(cert, key, PASSWORD.toCharArray(), kp);
    }

    private static CredentialFileException failure(Path cert, Path key, char[] password, Kind kind, Path file) {
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> KeyedChainReader.load(cert, key, password));
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertNoSecrets(e, rsa, PASSWORD);
        assertNoSecrets(e, ec, PASSWORD);
        return e;
    }

    private static void assertNoSecrets(Throwable e, KeyPair key, String... passwords) {
        String text = allText(e);
        for (String p : passwords) {
            assertFalse(text.contains(p), "the password appears in: " + text);
        }
        for (String secret : secretsOf(key.getPrivate())) {
            assertFalse(text.contains(secret), "key material appears in: " + text);
        }
    }

    private static Path writeEncryptedPkcs8(Path file, KeyPair kp) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setPRF(PKCS8Generator.PRF_HMACSHA256)
                .setProvider(BC).setPassword(PASSWORD.toCharArray()).build();
        return writePem(file, new JcaPKCS8Generator(kp.getPrivate(), encryptor));
    }

    private static Path writeLegacyEncrypted(Path file, KeyPair kp) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(kp.getPrivate(), new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC)
                    .build(PASSWORD.toCharArray()));
        }
        Files.writeString(file, out.toString());
        return file;
    }

    private static byte[] pkcs12(KeyPair kp, X509Certificate... chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", kp.getPrivate(), PASSWORD.toCharArray(), (Certificate[]) chain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, PASSWORD.toCharArray());
        return out.toByteArray();
    }
}
