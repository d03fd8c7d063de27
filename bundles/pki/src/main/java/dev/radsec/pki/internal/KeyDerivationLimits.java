package dev.radsec.pki.internal;

import java.math.BigInteger;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.misc.MiscObjectIdentifiers;
import org.bouncycastle.asn1.misc.ScryptParams;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Refuses an encrypted private key whose password-based key derivation would take unbounded time or memory, before
 * any of it runs. The parameters come from whoever wrote the file: a PBKDF2 iteration count of 2^31, or a derived
 * key of 2^90 octets (found by fuzzing), would hold the PKI's loading thread, and every certificate after it, for
 * ever. The limits are far above what tools write.
 */
final class KeyDerivationLimits {
    /** OpenSSL writes 2,048 iterations by default, Java's keytool 10,000; OWASP asks 600,000 for PBKDF2-SHA256. */
    static final int MAX_ITERATIONS = 1_000_000;
    /** Octets of derived key: AES-256 needs 32. */
    static final int MAX_KEY_LENGTH = 64;
    /** scrypt's memory, 128·N·r·p octets: OpenSSL's default limit is 32 MiB. */
    static final long MAX_SCRYPT_MEMORY = 64L << 20;

    /** PKCS#5 v1.5 schemes (PBES1), whose parameters are salt and iteration count. */
    private static final Set<ASN1ObjectIdentifier> PBES1 = Set.of(PKCSObjectIdentifiers.pbeWithMD2AndDES_CBC,
            PKCSObjectIdentifiers.pbeWithMD2AndRC2_CBC, PKCSObjectIdentifiers.pbeWithMD5AndDES_CBC,
            PKCSObjectIdentifiers.pbeWithMD5AndRC2_CBC, PKCSObjectIdentifiers.pbeWithSHA1AndDES_CBC,
            PKCSObjectIdentifiers.pbeWithSHA1AndRC2_CBC);

    private KeyDerivationLimits() {
    }

    /**
     * Why the key derivation of {@code encryption} (an encrypted PKCS#8 key's algorithm) is refused, or null when
     * it is within the limits or not one of these schemes. Malformed parameters pass: decrypting refuses them.
     */
    static String refusal(AlgorithmIdentifier encryption) {
        ASN1ObjectIdentifier scheme = encryption.getAlgorithm();
        try {
            if (PKCSObjectIdentifiers.id_PBES2.equals(scheme)) {
                return pbes2(PBES2Parameters.getInstance(encryption.getParameters()).getKeyDerivationFunc());
            }
            if (scheme.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
                return iterations(PKCS12PBEParams.getInstance(encryption.getParameters()).getIterations());
            }
            if (PBES1.contains(scheme)) {
                return iterations(PBEParameter.getInstance(encryption.getParameters()).getIterationCount());
            }
        } catch (RuntimeException malformed) {
            // left to the decryption, which reports it
        }
        return null;
    }

    private static String pbes2(KeyDerivationFunc kdf) {
        if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
            PBKDF2Params p = PBKDF2Params.getInstance(kdf.getParameters());
            String why = iterations(p.getIterationCount());
            return why != null ? why : keyLength(p.getKeyLength());
        }
        if (MiscObjectIdentifiers.id_scrypt.equals(kdf.getAlgorithm())) {
            ScryptParams p = ScryptParams.getInstance(kdf.getParameters());
            if (p.getCostParameter().signum() <= 0 || p.getBlockSize().signum() <= 0
                    || p.getParallelizationParameter().signum() <= 0) {
                return "its scrypt parameters are not all positive";
            }
            BigInteger memory = BigInteger.valueOf(128).multiply(p.getCostParameter()).multiply(p.getBlockSize())
                    .multiply(p.getParallelizationParameter());
            if (memory.compareTo(BigInteger.valueOf(MAX_SCRYPT_MEMORY)) > 0) {
                return "its scrypt parameters (N " + p.getCostParameter() + ", r " + p.getBlockSize() + ", p "
                        + p.getParallelizationParameter() + ") need more than " + (MAX_SCRYPT_MEMORY >> 20)
                        + " MiB";
            }
            return keyLength(p.getKeyLength());
        }
        return null;
    }

    // Bouncy Castle takes the low 32 bits of these numbers: a negative or huge one may be anything.
    private static String iterations(BigInteger count) {
        if (count.signum() <= 0) {
            return "its encryption's key derivation iteration count " + count + " is not positive";
        }
        if (count.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            return "its encryption asks for " + count + " key derivation iterations, more than "
                    + String.format("%,d", MAX_ITERATIONS);
        }
        return null;
    }

    private static String keyLength(BigInteger octets) {
        if (octets != null && (octets.signum() <= 0 || octets.compareTo(BigInteger.valueOf(MAX_KEY_LENGTH)) > 0)) {
            return "its encryption asks for a derived key of " + octets + " octets, not 1 to " + MAX_KEY_LENGTH;
        }
        return null;
    }
}
