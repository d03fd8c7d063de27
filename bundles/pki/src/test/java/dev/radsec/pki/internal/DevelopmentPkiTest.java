package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First-boot development material: created when missing, never overwritten. */
class DevelopmentPkiTest {
    @TempDir
    Path dir;

    private static X509Certificate read(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    @Test
    void aFirstBootCreatesTheCaAndAServerAndAClientCertificateAndASecondCreatesNothing() throws Exception {
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve("ca"), Clock.systemUTC());
        DevelopmentPki pki = new DevelopmentPki(ca, dir.resolve("certs"));
        List<Path> created = pki.ensure("CN=Dev CA", "localhost", "dev-client");
        assertEquals(3, created.size(), created.toString());
        X509Certificate server = read(dir.resolve("certs/server.crt"));
        assertTrue(server.getSubjectAlternativeNames().toString().contains("localhost"));
        assertTrue(server.getSubjectAlternativeNames().toString().contains("127.0.0.1"));
        assertEquals(ca.certificate().getSubjectX500Principal(), server.getIssuerX500Principal());
        assertTrue(Files.exists(dir.resolve("certs/client.key")));

        byte[] caBefore = Files.readAllBytes(ca.certificateFile());
        byte[] serverBefore = Files.readAllBytes(dir.resolve("certs/server.crt"));
        assertEquals(List.of(), pki.ensure("CN=Other CA", "other", "other"));
        assertArrayEquals(caBefore, Files.readAllBytes(ca.certificateFile()), "the CA is never replaced");
        assertArrayEquals(serverBefore, Files.readAllBytes(dir.resolve("certs/server.crt")));
    }

    @Test
    void aKeyWithoutItsCertificateIsWhatAnInterruptedIssueLeavesAndThePairIsIssuedAgain() throws Exception {
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve("ca"), Clock.systemUTC());
        DevelopmentPki pki = new DevelopmentPki(ca, dir.resolve("certs"));
        pki.ensure("CN=Dev CA", "localhost", "dev-client");
        byte[] key = Files.readAllBytes(dir.resolve("certs/server.key"));
        Files.delete(dir.resolve("certs/server.crt")); // killed between the key and the certificate

        assertEquals(List.of(dir.resolve("certs/server.crt")), pki.ensure("CN=Dev CA", "localhost", "dev-client"));
        assertArrayEquals(key, Files.readAllBytes(dir.resolve("certs/server.key.interrupted")));
        KeyedChain server = KeyedChainReader.load(dir.resolve("certs/server.crt"), dir.resolve("certs/server.key"), null);
        assertEquals(ca.certificate().getSubjectX500Principal(), server.leaf().getIssuerX500Principal());
    }

    @Test
    void aCertificateWithoutItsKeyIsLeftAloneAndTheMissingOneIsIssued() throws Exception {
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve("ca"), Clock.systemUTC());
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/server.crt"), "an operator's file");
        List<Path> created = new DevelopmentPki(ca, dir.resolve("certs")).ensure("CN=Dev CA", "localhost", "c");
        assertEquals(List.of(ca.certificateFile(), dir.resolve("certs/client.crt")), created);
        assertEquals("an operator's file", Files.readString(dir.resolve("certs/server.crt")));
        assertFalse(Files.exists(dir.resolve("certs/server.key")));
    }
}
