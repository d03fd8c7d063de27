package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted keys {@link PemFuzzTest} found that held {@link PrivateKeyReader} for ever: the key derivation's
 * parameters are the file's, and are refused beyond {@link KeyDerivationLimits} before any of it runs.
 */
class PrivateKeyReaderFindingsTest {
    @TempDir
    Path dir;

    @Test
    void anAstronomicalIterationCountIsRefusedAtOnce() throws Exception {
        // Found by PemFuzzTest's long run: PBKDF2 whose iteration count is a 12-octet INTEGER (1.9 * 10^27); the
        // fuzzer's 10 s timeout ended it, nothing else would have.
        Path key = dir.resolve("key.der");
        Files.copy(PrivateKeyReaderFindingsTest.class.getResourceAsStream("/fuzz/pem/finding-pbkdf2-key-length.der"),
                key);
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> PrivateKeyReader.read(key, "password".toCharArray()));
        assertEquals(CredentialFileException.Kind.UNREADABLE, e.kind());
        assertTrue(e.getMessage().contains("asks for 1866782281967109900776047872 key derivation iterations"),
                e.getMessage());
    }

    @Test
    void aNegativeIterationCountIsRefusedAtOnce() throws Exception {
        // Found by PemFuzzTest's long run, once the count above was refused: the same 12-octet INTEGER made
        // negative passed the limit, and Bouncy Castle ran the low 32 bits of it.
        Path key = dir.resolve("key.der");
        Files.copy(PrivateKeyReaderFindingsTest.class.getResourceAsStream(
                "/fuzz/pem/finding-pbkdf2-negative-iterations.der"), key);
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> PrivateKeyReader.read(key, "password".toCharArray()));
        assertTrue(e.getMessage().contains("iteration count -"), e.getMessage());
        assertTrue(e.getMessage().contains(" is not positive"), e.getMessage());
    }

    @Test
    void aDerivedKeyLongerThan64OctetsIsRefusedAtOnce() throws Exception {
        Path key = dir.resolve("key.der");
        Files.write(key, pbkdf2Key(2048, 1 << 30));
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> PrivateKeyReader.read(key, "password".toCharArray()));
        assertTrue(e.getMessage().contains("asks for a derived key of 1073741824 octets, not 1 to 64"),
                e.getMessage());
    }

    @Test
    void moreThanAMillionIterationsAreRefusedAtOnce() throws Exception {
        Path key = dir.resolve("key.der");
        Files.write(key, pbkdf2Key(2_000_000_000, 32));
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> PrivateKeyReader.read(key, "password".toCharArray()));
        assertTrue(e.getMessage().contains("asks for 2000000000 key derivation iterations, more than 1,000,000"),
                e.getMessage());
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), "says what to do: " + e.getMessage());
    }

    @Test
    void aMillionIterationsAreLeftToTheDecryption() throws Exception {
        Path key = dir.resolve("key.der");
        Files.write(key, pbkdf2Key(KeyDerivationLimits.MAX_ITERATIONS, 32));
        assertEquals(null, KeyDerivationLimits.refusal(EncryptedPrivateKeyInfo.getInstance(Files.readAllBytes(key))
                .getEncryptionAlgorithm()));
    }

    /** An encrypted PKCS#8 key (PBES2, PBKDF2 with HMAC-SHA256, AES-256-CBC) whose ciphertext is never reached. */
    private static byte[] pbkdf2Key(int iterations, int keyLength) throws Exception {
        PBKDF2Params kdf = new PBKDF2Params(new byte[16], iterations, keyLength,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256));
        PBES2Parameters pbes2 = new PBES2Parameters(new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, kdf),
                new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(new byte[16])));
        return new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, pbes2),
                new byte[48]).getEncoded();
    }
}
