package dev.radsec.codec;

/** What a decoder does about Message-Authenticator (RFC 3579 section 3.2). */
public enum MessageAuthenticatorPolicy {
    /** Verify it when present; accept its absence (except on Status-Server, where RFC 5997 requires it). */
    VERIFY_IF_PRESENT,
    /**
     * Require it on Access-Request, Status-Server and their responses, and verify it wherever present. The
     * BlastRADIUS defence (CVE-2024-3596).
     */
    REQUIRE
}
