package dev.radsec.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about a named local certificate at one moment. Immutable. When {@link #isAvailable()} is false,
 * {@link #reason()} and {@link #detail()} say why, and {@link #nextRetry()} when loading is tried again; the
 * certificate fields then describe the last certificate read, if any could be read.
 */
public final class CertificateStatus {

    /** Why a certificate cannot be used. */
    public enum Reason {
        /** Loaded, matching its key, within its validity, not revoked. */
        NONE,
        /** No configuration has this name. */
        NOT_CONFIGURED,
        /** The configuration is invalid; {@link #detail()} names the key. */
        INVALID_CONFIGURATION,
        /** A configured file does not exist. */
        MISSING,
        /** A file is corrupt, or the password is wrong, or it holds no usable certificate or key. */
        UNREADABLE,
        /** The private key does not belong to the certificate. */
        KEY_MISMATCH,
        NOT_YET_VALID,
        EXPIRED,
        /** A CRL of a configured trust store lists the certificate. */
        REVOKED
    }

    private final String name;
    private final Reason reason;
    private final String detail;
    private final String subject;
    private final String issuer;
    private final BigInteger serial;
    private final Instant notBefore;
    private final Instant notAfter;
    private final Instant nextRetry;

    private CertificateStatus(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.reason = Objects.requireNonNull(b.reason, "reason");
        this.detail = b.detail == null ? "" : b.detail;
        this.subject = b.subject;
        this.issuer = b.issuer;
        this.serial = b.serial;
        this.notBefore = b.notBefore;
        this.notAfter = b.notAfter;
        this.nextRetry = b.nextRetry;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public boolean isAvailable() {
        return reason == Reason.NONE;
    }

    public Reason reason() {
        return reason;
    }

    /** A human-readable explanation naming the file or configuration key at fault; empty when available. */
    public String detail() {
        return detail;
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    public Optional<BigInteger> serial() {
        return Optional.ofNullable(serial);
    }

    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    public Optional<Instant> notAfter() {
        return Optional.ofNullable(notAfter);
    }

    /** When loading is tried again; empty while available (file changes are also watched). */
    public Optional<Instant> nextRetry() {
        return Optional.ofNullable(nextRetry);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CertificateStatus)) {
            return false;
        }
        CertificateStatus s = (CertificateStatus) o;
        return name.equals(s.name) && reason == s.reason && detail.equals(s.detail) && Objects.equals(subject, s.subject)
                && Objects.equals(issuer, s.issuer) && Objects.equals(serial, s.serial)
                && Objects.equals(notBefore, s.notBefore) && Objects.equals(notAfter, s.notAfter)
                && Objects.equals(nextRetry, s.nextRetry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, reason, detail, subject, serial, notAfter, nextRetry);
    }

    @Override
    public String toString() {
        return name + ": " + (isAvailable() ? "available" : reason.name().toLowerCase().replace('_', '-') + " (" + detail + ")")
                + (subject != null ? ", subject " + subject : "") + (serial != null ? ", serial " + serial.toString(16) : "")
                + (notAfter != null ? ", not after " + notAfter : "")
                + (nextRetry != null ? ", next retry " + nextRetry : "");
    }

    /** Builds a status. */
    public static final class Builder {
        private final String name;
        private Reason reason = Reason.NONE;
        private String detail;
        private String subject;
        private String issuer;
        private BigInteger serial;
        private Instant notBefore;
        private Instant notAfter;
        private Instant nextRetry;

        private Builder(String name) {
            this.name = name;
        }

        public Builder unavailable(Reason reason, String detail) {
            this.reason = reason;
            this.detail = detail;
            return this;
        }

        public Builder certificate(String subject, String issuer, BigInteger serial, Instant notBefore, Instant notAfter) {
            this.subject = subject;
            this.issuer = issuer;
            this.serial = serial;
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        public Builder nextRetry(Instant nextRetry) {
            this.nextRetry = nextRetry;
            return this;
        }

        public CertificateStatus build() {
            return new CertificateStatus(this);
        }
    }
}
