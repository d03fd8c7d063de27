package dev.radsec.management;

/**
 * The organisation CA, {@code dev.radsec:type=CertificateAuthority}: its root certificate, to download and install
 * on RADIUS servers and devices, and what it issued. Never its private key. Attributes are empty (counts 0) while no
 * CA exists ({@code Created} false); {@code radsec:ca-create} creates one.
 */
public interface CertificateAuthorityMXBean {
    /** Whether a CA exists in {@code etc/radsec/ca/}. */
    boolean isCreated();

    /** The root certificate in PEM ({@code -----BEGIN CERTIFICATE-----}). */
    String getCertificatePem();

    String getSubject();

    /** Serial number, hexadecimal. */
    String getSerial();

    /** ISO-8601. */
    String getNotBefore();

    /** ISO-8601. */
    String getNotAfter();

    /** SHA-256 of the certificate: upper-case hexadecimal pairs separated by colons, as OpenSSL prints it. */
    String getFingerprint();

    /** The key type and size: {@code EC P-256}, {@code RSA 2048}, ... */
    String getKeyAlgorithm();

    /** Where the root certificate is, for trust stores' {@code ca}. */
    String getCertificateFile();

    /** Where its current CRL is published, for trust stores' {@code crl}. */
    String getCrlFile();

    /** The current CRL's nextUpdate, ISO-8601; empty when none is published. */
    String getCrlNextUpdate();

    /** How many certificates it has issued. */
    int getIssuedCount();

    /** How many of them are revoked. */
    int getRevokedCount();
}
