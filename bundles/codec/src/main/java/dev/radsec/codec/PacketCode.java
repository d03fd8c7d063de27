package dev.radsec.codec;

/**
 * RADIUS packet codes: RFC 2865 (access), RFC 2866 (accounting), RFC 5997 (status), RFC 5176 (dynamic
 * authorization) and RFC 7930 (Protocol-Error).
 */
public enum PacketCode {
    ACCESS_REQUEST(1, "Access-Request", Kind.REQUEST_RANDOM_AUTHENTICATOR),
    ACCESS_ACCEPT(2, "Access-Accept", Kind.RESPONSE),
    ACCESS_REJECT(3, "Access-Reject", Kind.RESPONSE),
    ACCOUNTING_REQUEST(4, "Accounting-Request", Kind.REQUEST_COMPUTED_AUTHENTICATOR),
    ACCOUNTING_RESPONSE(5, "Accounting-Response", Kind.RESPONSE),
    ACCESS_CHALLENGE(11, "Access-Challenge", Kind.RESPONSE),
    STATUS_SERVER(12, "Status-Server", Kind.REQUEST_RANDOM_AUTHENTICATOR),
    /** Reserved by RFC 5997; never sent, but recognised. */
    STATUS_CLIENT(13, "Status-Client", Kind.REQUEST_RANDOM_AUTHENTICATOR),
    DISCONNECT_REQUEST(40, "Disconnect-Request", Kind.REQUEST_COMPUTED_AUTHENTICATOR),
    DISCONNECT_ACK(41, "Disconnect-ACK", Kind.RESPONSE),
    DISCONNECT_NAK(42, "Disconnect-NAK", Kind.RESPONSE),
    COA_REQUEST(43, "CoA-Request", Kind.REQUEST_COMPUTED_AUTHENTICATOR),
    COA_ACK(44, "CoA-ACK", Kind.RESPONSE),
    COA_NAK(45, "CoA-NAK", Kind.RESPONSE),
    /** RFC 7930: a response saying the request could not be handled; its authenticator is a response's. */
    PROTOCOL_ERROR(52, "Protocol-Error", Kind.RESPONSE);

    private enum Kind { REQUEST_RANDOM_AUTHENTICATOR, REQUEST_COMPUTED_AUTHENTICATOR, RESPONSE }

    private static final PacketCode[] BY_CODE = new PacketCode[256];

    static {
        for (PacketCode c : values()) {
            BY_CODE[c.code] = c;
        }
    }

    private final int code;
    private final String label;
    private final Kind kind;

    PacketCode(int code, String label, Kind kind) {
        this.code = code;
        this.label = label;
        this.kind = kind;
    }

    /** The code octet, 1..255. */
    public int code() {
        return code;
    }

    /** The name the RFCs and FreeRADIUS use, e.g. {@code Access-Request}. */
    public String label() {
        return label;
    }

    /** The packet code for an octet value, or {@code null} when no RFC this codec implements assigns it. */
    public static PacketCode of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** True for codes a client sends and a server answers. */
    public boolean isRequest() {
        return kind != Kind.RESPONSE;
    }

    /**
     * True when the Request Authenticator is a random nonce (Access-Request, Status-Server); false when it is an
     * MD5 over the packet and the secret (Accounting-Request, CoA-Request, Disconnect-Request).
     */
    public boolean hasRandomAuthenticator() {
        return kind == Kind.REQUEST_RANDOM_AUTHENTICATOR;
    }

    /**
     * True when a packet of this code, or a response to one, carries a Message-Authenticator as its first
     * attribute when this codec encodes it: Access-Request and Status-Server.
     */
    public boolean signsWithMessageAuthenticator() {
        return this == ACCESS_REQUEST || this == STATUS_SERVER;
    }

    /** True when {@code response} is a valid answer to a request of this code. */
    public boolean isAnsweredBy(PacketCode response) {
        switch (this) {
            case ACCESS_REQUEST:
                return response == ACCESS_ACCEPT || response == ACCESS_REJECT || response == ACCESS_CHALLENGE
                        || response == PROTOCOL_ERROR;
            case ACCOUNTING_REQUEST:
                return response == ACCOUNTING_RESPONSE || response == PROTOCOL_ERROR;
            case STATUS_SERVER:
                // RFC 5997 section 4: Access-Accept from an authentication port, Accounting-Response from accounting.
                return response == ACCESS_ACCEPT || response == ACCOUNTING_RESPONSE;
            case DISCONNECT_REQUEST:
                return response == DISCONNECT_ACK || response == DISCONNECT_NAK || response == PROTOCOL_ERROR;
            case COA_REQUEST:
                return response == COA_ACK || response == COA_NAK || response == PROTOCOL_ERROR;
            default:
                return false;
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
