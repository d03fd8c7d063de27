package dev.radsec.codec;

import dev.radsec.codec.internal.WireDecoder;
import dev.radsec.codec.internal.WireEncoder;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes and decodes packets for one dictionary. Thread-safe and cheap to share.
 *
 * <h2>Encoding</h2>
 * <ul>
 *   <li>Access-Request and Status-Server get a random Request Authenticator from {@link java.security.SecureRandom}
 *       unless the packet carries one ({@link RadiusPacket#authenticator()} is not all zeroes); Accounting-Request,
 *       CoA-Request and Disconnect-Request get the MD5 one of RFC 2866 section 3 and RFC 5176 section 2.3.</li>
 *   <li>Access-Request, Status-Server and every response to them carry a Message-Authenticator: added as the
 *       first attribute when the packet has none, recomputed in place when it has one. Any other packet that
 *       holds one gets it recomputed.</li>
 *   <li>Hidden attributes are hidden with the secret and the Request Authenticator; for requests whose
 *       authenticator is computed, with 16 zero octets, as FreeRADIUS does.</li>
 * </ul>
 * Encoding throws {@link IllegalArgumentException} naming the attribute when a value does not fit, or when the
 * packet would exceed 4096 octets.
 *
 * <h2>Decoding</h2>
 * Decoding copies the packet once, checks every length, verifies the authenticators with constant-time
 * comparisons and throws only {@link RadiusDecodeException}. Attributes are unfolded lazily.
 *
 * <p>The codec works through the public interfaces only ({@link Dictionary}, {@link RadiusPacket},
 * {@link Attribute}, {@link AttributeDefinition}); it never needs to know which class implements them.
 */
public final class PacketCodec {
    private final Dictionary dictionary;
    /** Encoding writes here first, then copies out exactly the packet: one allocation of the packet's size. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[RadiusPacket.MAX_LENGTH]);

    public PacketCodec(Dictionary dictionary) {
        if (dictionary == null) {
            throw new IllegalArgumentException("dictionary is null");
        }
        this.dictionary = dictionary;
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    // ---- encoding ----

    /** Encodes a request into a new array; its Request Authenticator is at offset 4. */
    public byte[] encodeRequest(RadiusPacket request, SharedSecret secret) {
        byte[] scratch = SCRATCH.get();
        int n = WireEncoder.encode(packet(request), secret.keyed(), null, null, 0, scratch, 0, scratch.length);
        return Arrays.copyOf(scratch, n);
    }

    /**
     * Encodes {@code request} as one transmission of it: under {@code identifier} and, where its code has a random
     * Request Authenticator, a new one (RFC 5080 section 2.2.1: a request sent anew with another Identifier gets
     * another authenticator). Cheaper than rebuilding the packet with those two fields changed.
     *
     * @param identifier 0-255
     */
    public byte[] encodeRequest(RadiusPacket request, int identifier, SharedSecret secret) {
        if (identifier < 0 || identifier > 255) {
            throw new IllegalArgumentException("an Identifier is 0-255, not " + identifier);
        }
        byte[] scratch = SCRATCH.get();
        int n = WireEncoder.encodeAs(packet(request), identifier, secret.keyed(), scratch, 0, scratch.length);
        return Arrays.copyOf(scratch, n);
    }

    /**
     * Encodes a request into {@code out} at its position, which advances past the packet.
     *
     * @return the packet's length
     * @throws java.nio.BufferOverflowException when {@code out} has too little room; its position is unchanged
     */
    public int encodeRequest(RadiusPacket request, SharedSecret secret, ByteBuffer out) {
        return encodeInto(packet(request), secret, null, null, out);
    }

    /**
     * Encodes a response to {@code request}, whose code and Request Authenticator it is bound to (a decoded
     * request carries both).
     */
    public byte[] encodeResponse(RadiusPacket response, RadiusPacket request, SharedSecret secret) {
        byte[] scratch = SCRATCH.get();
        int n = WireEncoder.encode(packet(response), secret.keyed(), request.code(), requestAuthenticator(request), 0,
                scratch, 0, scratch.length);
        return Arrays.copyOf(scratch, n);
    }

    /** As {@link #encodeResponse(RadiusPacket, RadiusPacket, SharedSecret)}, into {@code out} at its position. */
    public int encodeResponse(RadiusPacket response, RadiusPacket request, SharedSecret secret, ByteBuffer out) {
        return encodeInto(packet(response), secret, request.code(), requestAuthenticator(request), out);
    }

    private int encodeInto(RadiusPacket p, SharedSecret secret, PacketCode requestCode, byte[] requestAuth, ByteBuffer out) {
        int n;
        if (out.hasArray()) {
            int base = out.arrayOffset() + out.position();
            n = WireEncoder.encode(p, secret.keyed(), requestCode, requestAuth, 0, out.array(), base,
                    out.arrayOffset() + out.limit());
            out.position(out.position() + n);
        } else {
            byte[] scratch = SCRATCH.get();
            n = WireEncoder.encode(p, secret.keyed(), requestCode, requestAuth, 0, scratch, 0, scratch.length);
            out.put(scratch, 0, n);
        }
        return n;
    }

    private static byte[] requestAuthenticator(RadiusPacket request) {
        if (!request.code().isRequest()) {
            throw new IllegalArgumentException(request.code() + " is not a request");
        }
        return request.authenticator();
    }

    private static RadiusPacket packet(RadiusPacket p) {
        if (p == null) {
            throw new IllegalArgumentException("packet is null");
        }
        return p;
    }

    // ---- decoding ----

    /**
     * Decodes and verifies a request, requiring Message-Authenticator on Access-Request and Status-Server
     * ({@link MessageAuthenticatorPolicy#REQUIRE}).
     */
    public RadiusPacket decodeRequest(byte[] packet, SharedSecret secret) throws RadiusDecodeException {
        return decodeRequest(packet, 0, packet.length, secret, MessageAuthenticatorPolicy.REQUIRE);
    }

    /**
     * Decodes and verifies a request: the Request Authenticator of accounting and dynamic-authorization
     * requests, and Message-Authenticator as {@code policy} says. Octets beyond the packet's Length are ignored.
     */
    public RadiusPacket decodeRequest(byte[] buf, int off, int len, SharedSecret secret,
                                      MessageAuthenticatorPolicy policy) throws RadiusDecodeException {
        return WireDecoder.decodeRequest(dictionary, buf, off, len, secret.keyed(), policy);
    }

    /** Decodes the request at the buffer's position; the position advances past its Length on success. */
    public RadiusPacket decodeRequest(ByteBuffer in, SharedSecret secret, MessageAuthenticatorPolicy policy)
            throws RadiusDecodeException {
        byte[] b = copy(in);
        RadiusPacket p = decodeRequest(b, 0, b.length, secret, policy);
        in.position(in.position() + wireLength(b));
        return p;
    }

    /**
     * Decodes a response and validates it against the encoded request it answers: Identifier, code, Response
     * Authenticator and Message-Authenticator (when present; required when {@code policy} is
     * {@link MessageAuthenticatorPolicy#REQUIRE} and the request was an Access-Request or Status-Server).
     *
     * @param encodedRequest the request's octets as sent: its code, Identifier and authenticator are read from them
     */
    public RadiusPacket decodeResponse(byte[] buf, int off, int len, byte[] encodedRequest, SharedSecret secret,
                                       MessageAuthenticatorPolicy policy) throws RadiusDecodeException {
        if (encodedRequest.length < RadiusPacket.MIN_LENGTH) {
            throw new IllegalArgumentException("the request has " + encodedRequest.length + " octets, not a packet");
        }
        PacketCode requestCode = PacketCode.of(encodedRequest[0] & 0xFF);
        if (requestCode == null || !requestCode.isRequest()) {
            throw new IllegalArgumentException("the request's code " + (encodedRequest[0] & 0xFF) + " is not a request");
        }
        return WireDecoder.decodeResponse(dictionary, buf, off, len, requestCode, encodedRequest[1] & 0xFF,
                encodedRequest, 4, secret.keyed(), policy);
    }

    /** As {@link #decodeResponse(byte[], int, int, byte[], SharedSecret, MessageAuthenticatorPolicy)}, verifying Message-Authenticator when present. */
    public RadiusPacket decodeResponse(byte[] response, byte[] encodedRequest, SharedSecret secret)
            throws RadiusDecodeException {
        return decodeResponse(response, 0, response.length, encodedRequest, secret,
                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
    }

    /** Decodes the response at the buffer's position; the position advances past its Length on success. */
    public RadiusPacket decodeResponse(ByteBuffer in, byte[] encodedRequest, SharedSecret secret,
                                       MessageAuthenticatorPolicy policy) throws RadiusDecodeException {
        byte[] b = copy(in);
        RadiusPacket p = decodeResponse(b, 0, b.length, encodedRequest, secret, policy);
        in.position(in.position() + wireLength(b));
        return p;
    }

    /**
     * Decodes structure only, checking no authenticator: for logging and captures. Hidden attributes stay as
     * raw {@code Attr-N} octets since no secret reveals them.
     */
    public RadiusPacket decodeUnverified(byte[] buf, int off, int len) throws RadiusDecodeException {
        return WireDecoder.decodeUnverified(dictionary, buf, off, len);
    }

    private static byte[] copy(ByteBuffer in) {
        byte[] b = new byte[in.remaining()];
        in.duplicate().get(b);
        return b;
    }

    private static int wireLength(byte[] b) {
        return (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
