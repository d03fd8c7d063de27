package dev.radsec.codec;

/**
 * A packet that could not be accepted: malformed octets, or a failed cryptographic or protocol check. The only
 * exception decoding throws. {@link #reason()} says which class of failure it is, so that transports can count
 * malformed packets and bad authenticators apart; {@link #offset()} says where in the packet it was found.
 */
public final class RadiusDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The class of failure. */
    public enum Reason {
        /** Structure: length fields, attribute lengths, unknown code. */
        MALFORMED,
        /** The Request or Response Authenticator does not match the secret. */
        BAD_AUTHENTICATOR,
        /** Message-Authenticator present but wrong, or of the wrong length. */
        BAD_MESSAGE_AUTHENTICATOR,
        /** Message-Authenticator absent where the policy or RFC 5997 requires it. */
        MISSING_MESSAGE_AUTHENTICATOR,
        /** A response whose Identifier or code does not answer the request it was matched with. */
        NOT_A_RESPONSE_TO_REQUEST
    }

    private final Reason reason;
    private final int offset;

    public RadiusDecodeException(Reason reason, int offset, String message) {
        super(message + " (at offset " + offset + ")");
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** Octet offset from the start of the packet where the problem was found. */
    public int offset() {
        return offset;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Decode failures are expected traffic (fuzzing, attacks, misconfigured peers); a stack trace per packet
        // would make a flood of garbage expensive. The message and offset say everything.
        return this;
    }
}
