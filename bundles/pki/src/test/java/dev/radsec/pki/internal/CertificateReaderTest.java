package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.PkiFixtures.crl;
import static dev.radsec.pki.internal.PkiFixtures.selfSigned;
import static dev.radsec.pki.internal.PkiFixtures.writePem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CA certificates from files and directories: only CA certificates, duplicates dropped, errors naming the file. */
class CertificateReaderTest extends CredentialFileTestBase {

    @Test
    void caFileWithSeveralCertificates() throws Exception {
        KeyPair otherKey = PkiFixtures.ec();
        X509Certificate other = selfSigned(otherKey, "Other CA", true);
        Path file = writePem(dir.resolve("cas.pem"), caCert, other);
        assertEquals(List.of(caCert, other), CertificateReader.loadCaCertificates(file));
        Path der = Files.write(dir.resolve("ca.der"), caCert.getEncoded());
        assertEquals(List.of(caCert), CertificateReader.loadCaCertificates(der));
    }

    @Test
    void caDirectory() throws Exception {
        KeyPair otherKey = PkiFixtures.ec();
        X509Certificate other = selfSigned(otherKey, "Other CA", true);
        Path cas = Files.createDirectory(dir.resolve("cas"));
        Path a = writePem(cas.resolve("a.pem"), caCert);
        Files.write(cas.resolve("b.crt"), other.getEncoded()); // DER
        Files.createSymbolicLink(cas.resolve("0a1b2c3d.0"), a.getFileName()); // c_rehash link: a duplicate
        writePem(cas.resolve("crl.pem"), crl(caKey, caCert, BigInteger.TEN)); // only a CRL: skipped
        Files.writeString(cas.resolve("README"), "not read"); // not a certificate name
        Files.writeString(cas.resolve("0a1b2c3d.r0"), "hashed CRL name: not read");
        assertEquals(List.of(caCert, other), CertificateReader.loadCaCertificates(cas));
    }

    @Test
    void nonCaInCaDirectory() throws Exception {
        Path cas = Files.createDirectory(dir.resolve("cas"));
        writePem(cas.resolve("a.pem"), caCert);
        Path leaf = writePem(cas.resolve("leaf.pem"), ecCert);
        CredentialFileException e = assertThrows(CredentialFileException.class, () -> CertificateReader.loadCaCertificates(cas));
        assertEquals(Kind.NOT_A_CA, e.kind());
        assertEquals(leaf, e.file());
        assertTrue(e.getMessage().startsWith(leaf + ": not a CA certificate: basicConstraints cA is not true"), e.getMessage());
        assertTrue(e.getMessage().contains("CN=ec.example.org"), e.getMessage());
        // also as a single file
        CredentialFileException single = assertThrows(CredentialFileException.class,
                () -> CertificateReader.loadCaCertificates(leaf));
        assertEquals(Kind.NOT_A_CA, single.kind());
    }

    @Test
    void corruptFileInCaDirectoryAndEmptyDirectory() throws Exception {
        Path cas = Files.createDirectory(dir.resolve("cas"));
        CredentialFileException empty = assertThrows(CredentialFileException.class, () -> CertificateReader.loadCaCertificates(cas));
        assertEquals(Kind.UNREADABLE, empty.kind());
        assertTrue(empty.getMessage().startsWith(cas + ": no CA certificate found"), empty.getMessage());

        writePem(cas.resolve("a.pem"), caCert);
        Path bad = Files.writeString(cas.resolve("b.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        CredentialFileException e = assertThrows(CredentialFileException.class, () -> CertificateReader.loadCaCertificates(cas));
        assertEquals(Kind.UNREADABLE, e.kind());
        assertEquals(bad, e.file());
        assertTrue(e.getMessage().startsWith(bad + ": corrupt PEM"), e.getMessage());
    }
}
