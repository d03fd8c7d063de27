package dev.radsec.pki;

/** Key types the organisation CA creates. */
public enum KeyAlgorithm {
    /** NIST P-256 with ECDSA/SHA-256: the default. */
    EC_P256("EC", 256, "SHA256withECDSA"),
    RSA_2048("RSA", 2048, "SHA256withRSA"),
    RSA_3072("RSA", 3072, "SHA256withRSA");

    private final String keyType;
    private final int size;
    private final String signatureAlgorithm;

    KeyAlgorithm(String keyType, int size, String signatureAlgorithm) {
        this.keyType = keyType;
        this.size = size;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** JCA key type: {@code EC} or {@code RSA}. */
    public String keyType() {
        return keyType;
    }

    /** Curve size or modulus length in bits. */
    public int size() {
        return size;
    }

    /** The JCA name of the signature a key of this type makes. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
