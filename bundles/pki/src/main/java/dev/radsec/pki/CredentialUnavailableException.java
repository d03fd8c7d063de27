package dev.radsec.pki;

/** A named credential that cannot be used now; carries its status. */
public final class CredentialUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient CertificateStatus status;

    public CredentialUnavailableException(CertificateStatus status) {
        super(status.toString());
        this.status = status;
    }

    public CertificateStatus status() {
        return status;
    }
}
