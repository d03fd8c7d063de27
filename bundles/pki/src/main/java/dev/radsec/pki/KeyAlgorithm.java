package dev.radsec.pki;

/** Key types the organisation CA creates. */
public enum KeyAlgorithm {
    /** NIST P-256 with ECDSA/SHA-256: the default. */
    EC_P256("EC", 256),
    RSA_2048("RSA", 2048),
    RSA_3072("RSA", 3072);

    private final String keyType;
    private final int size;

    KeyAlgorithm(String keyType, int size) {
        this.keyType = keyType;
        this.size = size;
    }

    /** JCA key type: {@code EC} or {@code RSA}. */
    public String keyType() {
        return keyType;
    }

    /** Curve size or modulus length in bits. */
    public int size() {
        return size;
    }

    /** The JCA name of the signature a key of this type makes: SHA-256 with ECDSA or with RSA (PKCS#1 v1.5). */
    public String signatureAlgorithm() {
        return "SHA256with" + ("EC".equals(keyType) ? "ECDSA" : "RSA");
    }
}
