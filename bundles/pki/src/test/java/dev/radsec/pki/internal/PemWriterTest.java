package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.PkiFixtures.assertLoads;
import static dev.radsec.pki.internal.PkiFixtures.crl;
import static dev.radsec.pki.internal.PkiFixtures.writePem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PEM files: keys owner-only from creation and never overwritten, replacements atomic. */
class PemWriterTest extends CredentialFileTestBase {

    @Test
    void createPemWithKeyIsOwnerOnlyAndNeverOverwrites() throws Exception {
        Path key = dir.resolve("new.key");
        PemWriter.create(key, ec.getPrivate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertThrows(FileAlreadyExistsException.class, () -> PemWriter.create(key, rsa.getPrivate()));
        assertLoads(writePem(dir.resolve("ec.pem"), ecCert), key, null, ec);

        Path cert = dir.resolve("new.pem");
        PemWriter.create(cert, ecCert);
        assertTrue(Files.getPosixFilePermissions(cert).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
    }

    @Test
    void writePemReplacesAtomically() throws Exception {
        Path file = dir.resolve("crl.pem");
        PemWriter.replace(file, crl(caKey, caCert, BigInteger.ONE));
        X509CRL second = crl(caKey, caCert, BigInteger.TWO);
        PemWriter.replace(file, second);
        assertEquals(List.of(second), CrlReader.loadCrls(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList(), "no temporary file is left");
        }
    }
}
