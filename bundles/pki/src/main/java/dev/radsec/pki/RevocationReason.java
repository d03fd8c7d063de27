package dev.radsec.pki;

/** CRL reason codes (RFC 5280 section 5.3.1) an operator may give when revoking. */
public enum RevocationReason {
    UNSPECIFIED(0),
    KEY_COMPROMISE(1),
    CA_COMPROMISE(2),
    AFFILIATION_CHANGED(3),
    SUPERSEDED(4),
    CESSATION_OF_OPERATION(5);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    /** The CRLReason code. */
    public int code() {
        return code;
    }
}
