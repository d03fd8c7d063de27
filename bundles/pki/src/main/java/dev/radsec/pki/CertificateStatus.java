package dev.radsec.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known about a named local certificate at one moment. When {@link #isAvailable()} is false,
 * {@link #reason()} and {@link #detail()} say why, and {@link #nextRetry()} when loading is tried again; the
 * certificate fields then describe the last certificate read, if any could be read.
 *
 * @param name      the certificate's configured name
 * @param reason    why it cannot be used, or {@link Reason#NONE}
 * @param detail    a human-readable explanation naming the file or configuration key at fault; empty when available
 * @param subject   the subject of the last certificate read
 * @param issuer    its issuer
 * @param serial    its serial number
 * @param notBefore the start of its validity
 * @param notAfter  the end of its validity
 * @param nextRetry when loading is tried again; empty while available (file changes are also watched)
 */
public record CertificateStatus(String name, Reason reason, String detail, Optional<String> subject,
                                Optional<String> issuer, Optional<BigInteger> serial, Optional<Instant> notBefore,
                                Optional<Instant> notAfter, Optional<Instant> nextRetry) {

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

    public CertificateStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public boolean isAvailable() {
        return reason == Reason.NONE;
    }

    @Override
    public String toString() {
        return name + ": " + (isAvailable() ? "available" : reason.name().toLowerCase().replace('_', '-') + " (" + detail + ")")
                + subject.map(v -> ", subject " + v).orElse("") + serial.map(v -> ", serial " + v.toString(16)).orElse("")
                + notAfter.map(v -> ", not after " + v).orElse("") + nextRetry.map(v -> ", next retry " + v).orElse("");
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
            return new CertificateStatus(name, reason, detail == null ? "" : detail, Optional.ofNullable(subject),
                    Optional.ofNullable(issuer), Optional.ofNullable(serial), Optional.ofNullable(notBefore),
                    Optional.ofNullable(notAfter), Optional.ofNullable(nextRetry));
        }
    }
}
