package dev.radsec.codec;

/**
 * Applies {@link RequireMessageAuth} to one peer (a destination, a client network): which
 * {@link MessageAuthenticatorPolicy} to decode its next Access-Request or answer with, and, for
 * {@link RequireMessageAuth#AUTO}, what its verified packets have shown. Thread-safe; once a peer is seen
 * signing, checking costs one volatile read.
 */
public final class MessageAuthenticatorGate {
    private final RequireMessageAuth setting;
    private volatile boolean required;

    public MessageAuthenticatorGate(RequireMessageAuth setting) {
        this.setting = setting;
        this.required = setting == RequireMessageAuth.TRUE;
    }

    public RequireMessageAuth setting() {
        return setting;
    }

    /** Whether Message-Authenticator is required now: always for {@code true}, after learning for {@code auto}. */
    public boolean required() {
        return required;
    }

    /** The policy for the peer's next Access-Request, or next answer to one. */
    public MessageAuthenticatorPolicy policy() {
        return required ? MessageAuthenticatorPolicy.REQUIRE : MessageAuthenticatorPolicy.VERIFY_IF_PRESENT;
    }

    /**
     * Learns from a verified Access-Request, or a verified answer to one. Only a packet without EAP-Message
     * teaches anything: EAP packets carry Message-Authenticator whatever the peer's BlastRADIUS hardening.
     *
     * @return true exactly once, when an {@code auto} peer starts being held to Message-Authenticator: the
     *         moment to log the switch
     */
    public boolean learn(RadiusPacket verified) {
        if (required || setting != RequireMessageAuth.AUTO) {
            return false;
        }
        if (verified.first("Message-Authenticator").isEmpty() || verified.first("EAP-Message").isPresent()) {
            return false;
        }
        synchronized (this) {
            if (required) {
                return false;
            }
            required = true;
            return true;
        }
    }
}
