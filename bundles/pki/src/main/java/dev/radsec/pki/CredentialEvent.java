package dev.radsec.pki;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to a named credential, as told to {@link CredentialListener}s.
 *
 * @param kind   what happened
 * @param name   the certificate's or trust store's name
 * @param status the certificate's new status; empty for trust store events and removals
 */
public record CredentialEvent(Kind kind, String name, Optional<CertificateStatus> status) {

    /** What happened. */
    public enum Kind {
        /** A local certificate became usable. */
        CERTIFICATE_AVAILABLE,
        /** A usable local certificate was replaced by another usable one. */
        CERTIFICATE_CHANGED,
        /**
         * A local certificate stopped being usable, or is unusable for another reason than before: its status's
         * {@link CertificateStatus#reason() reason} says why ({@link CertificateStatus.Reason#REVOKED} when a CRL
         * of a trust store lists it, {@link CertificateStatus.Reason#EXPIRED}, {@link CertificateStatus.Reason#MISSING}
         * ...), and its detail names the file and, for a revocation, the trust store.
         */
        CERTIFICATE_UNAVAILABLE,
        /**
         * A usable local certificate expires within its configuration's {@code expiry-warning} days: told when it
         * is loaded (or loaded again) inside that window, or when the window begins, and then every 24 hours on the
         * PKI's clock until it is replaced or expires. The status carries its {@code notAfter}.
         */
        CERTIFICATE_EXPIRING,
        /** A local certificate's configuration was deleted. */
        CERTIFICATE_REMOVED,
        /** A trust store's anchors or CRLs changed, or it was added or removed. */
        TRUST_CHANGED
    }

    public CredentialEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    /** An event without a certificate status: a trust store change or a removal. */
    public CredentialEvent(Kind kind, String name) {
        this(kind, name, Optional.empty());
    }

    /** An event carrying the certificate's new status. */
    public CredentialEvent(Kind kind, String name, CertificateStatus status) {
        this(kind, name, Optional.of(status));
    }

    @Override
    public String toString() {
        return kind + " " + name + status.map(s -> ": " + s).orElse("");
    }
}
