package dev.radsec.management;

/**
 * One local certificate ({@code dev.radsec.pki.certificate} configuration),
 * {@code dev.radsec:type=Certificate,name=<name>}. Never its private key. Sends a notification when it becomes
 * unavailable, is revoked or will expire ({@link Notifications}).
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
}
