package dev.radsec.pki.internal;

import dev.radsec.common.ManualScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside Karaf, Bouncy Castle is a registered JCA provider (its ssh feature registers it). Keys must still come
 * out as the JDK's, named "EC", or JSSE finds no key for key type EC and a server offers no certificate.
 */
class BouncyCastleRegisteredTest {
    private static boolean added;

    @BeforeAll
    static void registerBouncyCastle() {
        added = Security.addProvider(new BouncyCastleProvider()) != -1;
    }

    @AfterAll
    static void unregister() {
        if (added) {
            Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
    }

    @Test
    void ecKeysInEveryPemFormLoadAsJdkEcKeysAndAreOfferedForKeyTypeEc(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        KeyPair caKey = TestCertificates.ecKey();
        X509Certificate ca = TestCertificates.ca(caKey, "CN=BC CA", now.minusSeconds(60), now.plusSeconds(86400));
        KeyPair key = TestCertificates.ecKey();
        X509Certificate cert = TestCertificates.leaf(caKey, ca, key.getPublic(), "server", now.minusSeconds(60),
                now.plusSeconds(86400), new GeneralName(GeneralName.dNSName, "localhost"));
        TestCertificates.writePem(dir.resolve("server.pem"), cert, ca);
        TestCertificates.writePem(dir.resolve("pkcs8.key"), key.getPrivate());
        // "EC PRIVATE KEY" (SEC1, RFC 5915) as openssl writes it: the curve named inside the structure.
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey) key.getPrivate();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(),
                new org.bouncycastle.asn1.x9.X962Parameters(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1));
        try (Writer w = Files.newBufferedWriter(dir.resolve("sec1.key")); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        for (String file : new String[] {"pkcs8.key", "sec1.key"}) {
            var loaded = KeyedChainReader.load(dir.resolve("server.pem"), dir.resolve(file), null);
            assertEquals("EC", loaded.privateKey().getAlgorithm(), file);
        }

        ManualScheduler scheduler = new ManualScheduler(now);
        CredentialRegistry registry = new CredentialRegistry(scheduler, new ManualFileWatcher(), dir);
        registry.certificateConfigured("c", Map.of("name", "server", "certificate", "server.pem", "private-key", "sec1.key"));
        assertEquals("server", registry.keyManager("server").chooseEngineServerAlias("EC", null, null));
    }
}
