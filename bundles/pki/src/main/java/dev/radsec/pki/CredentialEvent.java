package dev.radsec.pki;

import java.util.Objects;
import java.util.Optional;

/** A change to a named credential, as told to {@link CredentialListener}s. Immutable. */
public final class CredentialEvent {

    /** What happened. */
    public enum Kind {
        /** A local certificate became usable. */
        CERTIFICATE_AVAILABLE,
        /** A usable local certificate was replaced by another usable one. */
        CERTIFICATE_CHANGED,
        /** A local certificate stopped being usable: see its status's reason (expired, revoked, missing...). */
        CERTIFICATE_UNAVAILABLE,
        /** A local certificate's configuration was deleted. */
        CERTIFICATE_REMOVED,
        /** A trust store's anchors or CRLs changed, or it was added or removed. */
        TRUST_CHANGED
    }

    private final Kind kind;
    private final String name;
    private final CertificateStatus status;

    public CredentialEvent(Kind kind, String name, CertificateStatus status) {
        this.kind = Objects.requireNonNull(kind);
        this.name = Objects.requireNonNull(name);
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The certificate's or trust store's name. */
    public String name() {
        return name;
    }

    /** The certificate's new status; empty for trust store events. */
    public Optional<CertificateStatus> status() {
        return Optional.ofNullable(status);
    }

    @Override
    public String toString() {
        return kind + " " + name + (status != null ? ": " + status : "");
    }
}
