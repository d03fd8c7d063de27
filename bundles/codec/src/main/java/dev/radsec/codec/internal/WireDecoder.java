package dev.radsec.codec.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusDecodeException.Reason;
import dev.radsec.codec.RadiusPacket;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Checks a packet's structure and its authenticators, then wraps it as a {@link Packet}. Work per packet:
 * one copy of the packet, one pass over the attribute headers, and the MD5 work the RFCs require.
 */
public final class WireDecoder {
    private static final int MESSAGE_AUTHENTICATOR = 80;
    private static final byte[] ZERO16 = new byte[16];

    private WireDecoder() {
    }

    /** Header and attribute structure of a copied packet. */
    private static final class Scan {
        final byte[] wire;
        final PacketCode code;
        final int[] offsets;
        /** Offset of the Message-Authenticator attribute, -1 when absent. */
        final int messageAuthenticator;

        Scan(byte[] wire, PacketCode code, int[] offsets, int messageAuthenticator) {
            this.wire = wire;
            this.code = code;
            this.offsets = offsets;
            this.messageAuthenticator = messageAuthenticator;
        }
    }

    private static Scan scan(byte[] in, int off, int available) throws RadiusDecodeException {
        if (available < RadiusPacket.MIN_LENGTH) {
            throw new RadiusDecodeException(Reason.MALFORMED, 0,
                    available + " octets are shorter than the 20-octet RADIUS header");
        }
        PacketCode code = PacketCode.of(in[off] & 0xFF);
        if (code == null) {
            throw new RadiusDecodeException(Reason.MALFORMED, 0, "unknown packet code " + (in[off] & 0xFF));
        }
        int length = (in[off + 2] & 0xFF) << 8 | (in[off + 3] & 0xFF);
        if (length < RadiusPacket.MIN_LENGTH || length > RadiusPacket.MAX_LENGTH) {
            throw new RadiusDecodeException(Reason.MALFORMED, 2, "Length " + length + " is outside 20..4096");
        }
        if (length > available) {
            throw new RadiusDecodeException(Reason.MALFORMED, 2,
                    "Length " + length + " exceeds the " + available + " octets received");
        }
        // Octets past Length are padding and ignored (RFC 2865 section 3).
        byte[] wire = Arrays.copyOfRange(in, off, off + length);
        int[] offsets = new int[(length - 20) / 2];
        int count = 0;
        int ma = -1;
        int p = 20;
        while (p < length) {
            if (length - p < 2) {
                throw new RadiusDecodeException(Reason.MALFORMED, p, "attribute header truncated");
            }
            int alen = wire[p + 1] & 0xFF;
            if (alen < 2) {
                throw new RadiusDecodeException(Reason.MALFORMED, p + 1, "attribute length " + alen + " is below 2");
            }
            if (p + alen > length) {
                throw new RadiusDecodeException(Reason.MALFORMED, p + 1,
                        "attribute length " + alen + " runs past the packet's Length " + length);
            }
            if ((wire[p] & 0xFF) == MESSAGE_AUTHENTICATOR) {
                if (ma >= 0) {
                    throw new RadiusDecodeException(Reason.BAD_MESSAGE_AUTHENTICATOR, p,
                            "more than one Message-Authenticator");
                }
                if (alen != 18) {
                    throw new RadiusDecodeException(Reason.BAD_MESSAGE_AUTHENTICATOR, p + 1,
                            "Message-Authenticator length " + alen + " is not 18");
                }
                ma = p;
            }
            offsets[count++] = p;
            p += alen;
        }
        return new Scan(wire, code, Arrays.copyOf(offsets, count), ma);
    }

    /** Structure only: no secret, so hidden attributes stay raw. For diagnostics and captures. */
    public static Packet decodeUnverified(Dictionary dict, byte[] in, int off, int len) throws RadiusDecodeException {
        Scan s = scan(in, off, len);
        return new Packet(s.code, s.wire, s.offsets, dict, null, null, 0);
    }

    public static Packet decodeRequest(Dictionary dict, byte[] in, int off, int len, Md5Keyed key,
                                       MessageAuthenticatorPolicy policy) throws RadiusDecodeException {
        Scan s = scan(in, off, len);
        byte[] w = s.wire;
        if (!s.code.isRequest()) {
            throw new RadiusDecodeException(Reason.MALFORMED, 0, s.code + " is not a request");
        }
        if (s.code.hasRandomAuthenticator()) {
            boolean required = s.code == PacketCode.STATUS_SERVER || policy == MessageAuthenticatorPolicy.REQUIRE;
            if (s.messageAuthenticator < 0) {
                if (required) {
                    throw new RadiusDecodeException(Reason.MISSING_MESSAGE_AUTHENTICATOR, 20,
                            s.code + " without the Message-Authenticator the policy requires");
                }
            } else {
                checkMessageAuthenticator(w, s.messageAuthenticator, key, w, 4);
            }
            return new Packet(s.code, w, s.offsets, dict, key, w, 4);
        } else {
            // RFC 2866 section 3 and RFC 5176 section 2.3: MD5(Code+Identifier+Length+16 zero octets+Attributes+Secret).
            if (!authenticatorMatches(w, ZERO16, 0, key)) {
                throw new RadiusDecodeException(Reason.BAD_AUTHENTICATOR, 4,
                        s.code + " Request Authenticator does not match the shared secret");
            }
            if (s.messageAuthenticator >= 0) {
                checkMessageAuthenticator(w, s.messageAuthenticator, key, ZERO16, 0);
            }
            return new Packet(s.code, w, s.offsets, dict, key, ZERO16, 0);
        }
    }

    /**
     * @param requestAuthenticator the 16 octets at {@code requestAuthOff} of the request this answers
     */
    public static Packet decodeResponse(Dictionary dict, byte[] in, int off, int len, PacketCode requestCode,
                                        int requestIdentifier, byte[] requestAuthenticator, int requestAuthOff,
                                        Md5Keyed key, MessageAuthenticatorPolicy policy) throws RadiusDecodeException {
        Scan s = scan(in, off, len);
        byte[] w = s.wire;
        if ((w[1] & 0xFF) != requestIdentifier) {
            throw new RadiusDecodeException(Reason.NOT_A_RESPONSE_TO_REQUEST, 1,
                    "Identifier " + (w[1] & 0xFF) + " does not match the request's " + requestIdentifier);
        }
        if (!requestCode.isAnsweredBy(s.code)) {
            throw new RadiusDecodeException(Reason.NOT_A_RESPONSE_TO_REQUEST, 0,
                    s.code + " does not answer " + requestCode);
        }
        // RFC 2865 section 3: MD5(Code+ID+Length+RequestAuth+Attributes+Secret).
        if (!authenticatorMatches(w, requestAuthenticator, requestAuthOff, key)) {
            throw new RadiusDecodeException(Reason.BAD_AUTHENTICATOR, 4,
                    s.code + " Response Authenticator does not match the request and shared secret");
        }
        if (s.messageAuthenticator >= 0) {
            checkMessageAuthenticator(w, s.messageAuthenticator, key, requestAuthenticator, requestAuthOff);
        } else if (policy == MessageAuthenticatorPolicy.REQUIRE && requestCode.signsWithMessageAuthenticator()) {
            throw new RadiusDecodeException(Reason.MISSING_MESSAGE_AUTHENTICATOR, 20,
                    s.code + " without the Message-Authenticator the policy requires");
        }
        byte[] cryptoAuthenticator = Arrays.copyOfRange(requestAuthenticator, requestAuthOff, requestAuthOff + 16);
        return new Packet(s.code, w, s.offsets, dict, key, cryptoAuthenticator, 0);
    }

    /** Whether the packet's authenticator is MD5(header, {@code auth} in its place, attributes, secret). */
    private static boolean authenticatorMatches(byte[] w, byte[] auth, int authOff, Md5Keyed key) {
        MessageDigest md = Md5Keyed.threadMd5();
        md.update(w, 0, 4);
        md.update(auth, authOff, 16);
        md.update(w, 20, w.length - 20);
        key.appendSecret(md);
        return Md5Keyed.equals16(md.digest(), 0, w, 4);
    }

    /**
     * RFC 3579 section 3.2: HMAC-MD5 over the packet with the Message-Authenticator value zeroed and the
     * authenticator field replaced by {@code auth} (the request's for responses, zeroes for computed ones).
     */
    private static void checkMessageAuthenticator(byte[] w, int ma, Md5Keyed key, byte[] auth, int authOff)
            throws RadiusDecodeException {
        MessageDigest h = key.startHmac();
        h.update(w, 0, 4);
        h.update(auth, authOff, 16);
        h.update(w, 20, ma + 2 - 20);
        h.update(ZERO16);
        h.update(w, ma + 18, w.length - ma - 18);
        byte[] mac = new byte[16];
        key.finishHmac(h, mac, 0);
        if (!Md5Keyed.equals16(mac, 0, w, ma + 2)) {
            throw new RadiusDecodeException(Reason.BAD_MESSAGE_AUTHENTICATOR, ma + 2,
                    "Message-Authenticator does not match the shared secret");
        }
    }
}
