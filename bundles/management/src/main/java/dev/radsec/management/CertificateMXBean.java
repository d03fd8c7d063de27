package dev.radsec.management;

/**
 * One local certificate ({@code dev.radsec.pki.certificate} configuration),
 * {@code dev.radsec:type=Certificate,name=<name>}. Never its private key. Sends a notification when it becomes
 * unavailable, is revoked or will expire ({@link Notifications}).
 *
 * <p>Settings are the keys of {@code dev.radsec.pki.certificate} ({@code PrivateKey} is {@code private-key}), with
 * the key's metatype as their JMX description. They read as stored in the certificate's cfg file, else as their
 * default, and are writable: a write goes through ConfigAdmin into {@code etc/dev.radsec.pki.certificate-<name>.cfg},
 * validated as the file is (an invalid value fails with an {@link IllegalArgumentException} {@code key: reason} and
 * the certificate in use stays). The password reads as {@code ******} when set and empty when not; written back as
 * {@code ******} it keeps the one stored. The name is the MBean's identity and does not change here. Create and remove
 * certificates with {@link CertificatesMXBean}.
 */
public interface CertificateMXBean {
    String getName();

    String getSubject();

    String getIssuer();

    /** Serial number, hexadecimal. */
    String getSerial();

    /** ISO-8601, empty when no certificate is loaded. */
    String getNotBefore();

    String getNotAfter();

    /** Whole days until notAfter (negative once expired);0 when no certificate is loaded (see {@link #getStatus()}). */
    long getDaysToExpiry();

    /** {@code available}, or {@code missing}, {@code expired}, {@code revoked}, ... followed by the reason. */
    String getStatus();

    /** When an unavailable certificate is tried again, ISO-8601; empty when it is available. */
    String getNextRetry();

    // ------------------------------------------------------------------------------------------------ configuration

    /** {@code certificate}: the PEM certificate chain (leaf first) or PKCS#12 file, relative to {@code etc/} unless absolute. */
    String getCertificate();

    void setCertificate(String certificate);

    /** {@code private-key}: the PEM private key file; empty for PKCS#12. */
    String getPrivateKey();

    void setPrivateKey(String privateKey);

    /** {@code password}: of an encrypted key or of the PKCS#12 file; reads {@code ******} when set. */
    String getPassword();

    void setPassword(String password);

    /** {@code retry-interval}: seconds between attempts to load an unavailable certificate (1-86400, default 300). */
    long getRetryInterval();

    void setRetryInterval(long seconds);

    /** {@code expiry-warning}: days before notAfter from which it is reported expiring (0-3650, default 30; 0: never). */
    long getExpiryWarning();

    void setExpiryWarning(long days);
}
