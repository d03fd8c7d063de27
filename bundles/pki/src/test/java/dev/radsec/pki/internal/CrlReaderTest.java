package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.PkiFixtures.crl;
import static dev.radsec.pki.internal.PkiFixtures.writePem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CRLs from PEM and DER files. */
class CrlReaderTest extends CredentialFileTestBase {

    @Test
    void crlsPemAndDer() throws Exception {
        X509CRL one = crl(caKey, caCert, BigInteger.ONE);
        X509CRL two = crl(caKey, caCert, BigInteger.TWO, BigInteger.TEN);
        Path pem = writePem(dir.resolve("crls.pem"), one, two);
        List<X509CRL> crls = CrlReader.loadCrls(pem);
        assertEquals(List.of(one, two), crls);
        assertNotNull(crls.get(1).getRevokedCertificate(BigInteger.TEN));
        Path der = Files.write(dir.resolve("crl.der"), one.getEncoded());
        assertEquals(List.of(one), CrlReader.loadCrls(der));
        Path junk = Files.write(dir.resolve("junk.crl"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
        assertEquals(Kind.UNREADABLE, assertThrows(CredentialFileException.class, () -> CrlReader.loadCrls(junk)).kind());
    }
}
