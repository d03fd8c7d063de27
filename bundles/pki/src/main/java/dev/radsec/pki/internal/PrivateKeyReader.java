package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.CredentialFileContent.isPem;
import static dev.radsec.pki.internal.CredentialFileContent.pemObjects;
import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;

/**
 * Reads a private key from a PEM file (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8 or legacy OpenSSL-encrypted PEM) or
 * a DER PKCS#8 file, plain or encrypted. Bouncy Castle parses and decrypts; the key comes out as a key of the JDK's
 * own providers, for JSSE. Neither messages nor causes carry key material or the password.
 */
final class PrivateKeyReader {

    /** Bouncy Castle's provider, used directly to decrypt and never added to the JVM's provider list. */
    private static final Provider BC = new BouncyCastleProvider();

    private PrivateKeyReader() {
    }

    /** The first private key in the file; {@code password} is needed only when it is encrypted, and not kept. */
    static PrivateKey read(Path file, char[] password) throws CredentialFileException {
        byte[] bytes = CredentialFileContent.read(file);
        try {
            if (!isPem(bytes)) {
                return derPrivateKey(file, bytes, password);
            }
            for (Object o : pemObjects(file, bytes)) {
                PrivateKey key = privateKeyOf(file, o, password);
                if (key != null) {
                    return key;
                }
            }
            throw new CredentialFileException(file, Kind.UNREADABLE, "no private key found in this PEM file");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** A DER PKCS#8 key, plain or encrypted. */
    private static PrivateKey derPrivateKey(Path file, byte[] bytes, char[] password) throws CredentialFileException {
        if (bytes.length == 0) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "empty file: no PEM object found");
        }
        if (bytes[0] == 0x30) {
            Object parsed = null;
            try {
                parsed = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(bytes));
            } catch (IOException | RuntimeException notPlain) {
                try {
                    parsed = new PKCS8EncryptedPrivateKeyInfo(bytes);
                } catch (IOException | RuntimeException notEncrypted) {
                    // neither: reported below
                }
            }
            if (parsed != null) {
                PrivateKey key = privateKeyOf(file, parsed, password);
                if (key != null) {
                    return key;
                }
            }
        }
        throw new CredentialFileException(file, Kind.UNREADABLE, "no PEM object found, and not a DER PKCS#8 private key");
    }

    /** The private key a PEM object holds, or {@code null} when it holds none (a certificate, EC parameters...). */
    private static PrivateKey privateKeyOf(Path file, Object o, char[] password) throws CredentialFileException {
        JdkKeys converter = new JdkKeys();
        try {
            if (o instanceof PEMKeyPair) {
                // Only the private part: a SEC1 key need not carry its public key.
                return converter.getPrivateKey(((PEMKeyPair) o).getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo) {
                return converter.getPrivateKey((PrivateKeyInfo) o);
            }
        } catch (IOException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt or unsupported private key: " + describe(e), e);
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
            requirePassword(file, password);
            String refused = KeyDerivationLimits.refusal(((PKCS8EncryptedPrivateKeyInfo) o).getEncryptionAlgorithm());
            if (refused != null) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "private key refused: " + refused
                        + " (encrypt it again, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc)");
            }
            InputDecryptorProvider decryptor;
            try {
                // PBKDF2, scrypt and PKCS#12 PBE (the OpenSSL decryptor takes every PBES2 for PBKDF2)
                decryptor = new JcePKCSPBEInputDecryptorProviderBuilder().setProvider(BC).build(password);
            } catch (RuntimeException e) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "cannot decrypt the private key: " + describe(e), e);
            }
            PrivateKeyInfo info;
            try {
                info = ((PKCS8EncryptedPrivateKeyInfo) o).decryptPrivateKeyInfo(decryptor);
            } catch (Exception e) {
                throw wrongPassword(file, e);
            }
            try {
                return converter.getPrivateKey(info);
            } catch (IOException | RuntimeException e) {
                // A wrong password that happened to give valid padding decrypts to garbage.
                throw wrongPassword(file, e);
            }
        }
        if (o instanceof PEMEncryptedKeyPair) {
            requirePassword(file, password);
            PEMKeyPair pair;
            try {
                pair = ((PEMEncryptedKeyPair) o).decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC)
                        .build(password));
            } catch (Exception e) {
                throw wrongPassword(file, e);
            }
            try {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            } catch (IOException | RuntimeException e) {
                throw wrongPassword(file, e);
            }
        }
        return null;
    }

    /**
     * Turns a PKCS#8 structure into a key of the JDK's own providers. BC's converter names EC keys "ECDSA" when
     * Bouncy Castle is a registered provider (Karaf's ssh feature registers it), and JSSE then finds no key for
     * key type "EC": a server offers no certificate.
     */
    private static final class JdkKeys {
        private static final String EC = "1.2.840.10045.2.1";
        private static final String RSA = "1.2.840.113549.1.1.1";
        private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
        private final JcaPEMKeyConverter fallback = new JcaPEMKeyConverter();

        PrivateKey getPrivateKey(PrivateKeyInfo info) throws IOException {
            String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
            String algorithm = EC.equals(oid) ? "EC" : RSA.equals(oid) ? "RSA" : RSASSA_PSS.equals(oid) ? "RSASSA-PSS" : null;
            if (algorithm == null) {
                return fallback.getPrivateKey(info);
            }
            try {
                // Through BC's key first: its encoding carries the curve in the algorithm identifier, which the
                // JDK requires and a SEC1 file's PrivateKeyInfo lacks.
                PrivateKey any = fallback.getPrivateKey(info);
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(any.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    private static void requirePassword(Path file, char[] password) throws CredentialFileException {
        if (password == null) {
            throw new CredentialFileException(file, Kind.UNREADABLE,
                    "the private key is encrypted, and no password is configured for it");
        }
    }

    private static CredentialFileException wrongPassword(Path file, Exception cause) {
        return new CredentialFileException(file, Kind.UNREADABLE, "wrong password for the encrypted private key", cause);
    }
}
