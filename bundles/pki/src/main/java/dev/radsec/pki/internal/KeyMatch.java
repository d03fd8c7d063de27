package dev.radsec.pki.internal;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.Locale;

/** Whether a private key belongs to a certificate, and which signature algorithm a key makes. */
final class KeyMatch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMatch() {
    }

    /**
     * Checks that {@code key} belongs to {@code certificate} by signing random data with the key and verifying it
     * with the certificate's public key (RSA, EC, EdDSA, DSA): this works for every key type, where comparing key
     * parameters would need code per type.
     */
    static void require(X509Certificate certificate, Path certificateFile, PrivateKey key, Path keyFile)
            throws CredentialFileException {
        String algorithm = signatureAlgorithm(key);
        if (algorithm == null) {
            throw new CredentialFileException(keyFile, Kind.UNREADABLE, "unsupported private key type " + key.getAlgorithm());
        }
        String where = certificateFile.equals(keyFile) ? "" : " in " + certificateFile;
        boolean match;
        try {
            byte[] data = new byte[32];
            RANDOM.nextBytes(data);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            match = verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            // e.g. an RSA key against an EC certificate, or keys on different curves
            match = false;
        } catch (NoSuchAlgorithmException e) {
            throw new CredentialFileException(keyFile, Kind.UNREADABLE, "unsupported private key type " + key.getAlgorithm(), e);
        }
        if (!match) {
            throw new CredentialFileException(keyFile, Kind.KEY_MISMATCH,
                    "the private key does not match the certificate's public key (certificate "
                            + certificate.getSubjectX500Principal().getName() + ", serial "
                            + certificate.getSerialNumber().toString(16) + where + ")");
        }
    }

    /** A signature algorithm a key of this type makes, or {@code null}. */
    static String signatureAlgorithm(PrivateKey key) {
        switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            case "EDDSA":
            case "ED25519":
            case "ED448":
                return key.getAlgorithm();
            case "DSA":
                return "SHA256withDSA";
            default:
                return null;
        }
    }
}
