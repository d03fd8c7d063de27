package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.PkiFixtures.selfSigned;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the credential file reader and writer tests share: a CA with an EC certificate it issued, a self-signed RSA
 * certificate, made once per test class, and a directory of files per test.
 */
abstract class CredentialFileTestBase {
    static KeyPair rsa;
    static KeyPair ec;
    static X509Certificate rsaCert;
    static X509Certificate ecCert;
    static X509Certificate caCert;
    static KeyPair caKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = PkiFixtures.rsa();
        ec = PkiFixtures.ec();
        rsaCert = selfSigned(rsa, "rsa.example.org", false);
        caKey = PkiFixtures.ec();
        caCert = selfSigned(caKey, "Test CA", true);
        ecCert = PkiFixtures.issued(caKey, caCert, ec, "ec.example.org");
    }
}
