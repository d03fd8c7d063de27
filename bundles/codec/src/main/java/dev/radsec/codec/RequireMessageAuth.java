package dev.radsec.codec;

import java.util.Locale;

/**
 * The {@code require-message-auth} setting of a peer: whether Access-Requests from it, or answers from it to
 * Access-Requests, must carry Message-Authenticator (the BlastRADIUS defence, CVE-2024-3596). Its text is the
 * lower-case name: {@code true}, {@code false} or {@code auto}. {@link MessageAuthenticatorGate} applies it to
 * one peer.
 */
public enum RequireMessageAuth {
    /** Always required. */
    TRUE,
    /** Verified when present, never required: right over TLS, which protects integrity itself (RFC 6614). */
    FALSE,
    /**
     * FreeRADIUS 3.2.5's semantics: not required until the peer sends it in a packet that did not have to carry
     * it (one without EAP-Message, which RFC 3579 makes carry one anyway); required from then on. A current peer
     * is held to it from its first packet, an older one keeps working.
     */
    AUTO;

    /**
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    public static RequireMessageAuth parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true": return TRUE;
            case "false": return FALSE;
            case "auto": return AUTO;
            default: throw new IllegalArgumentException("'" + text.trim() + "' is none of true, false, auto");
        }
    }

    /** The configuration text: {@code true}, {@code false} or {@code auto}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
