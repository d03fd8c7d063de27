package dev.radsec.codec.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.Encryption;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import java.nio.BufferOverflowException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Writes a packet's wire form into a caller's array: attributes (wrapped in their containers, fragmented where
 * RFC 6929 and {@code concat} allow, hidden where the dictionary says), then Length, Message-Authenticator and
 * the Request or Response Authenticator. One instance per packet encoded.
 */
public final class WireEncoder {
    private static final int MESSAGE_AUTHENTICATOR = 80;
    private static final int MAX_VALUE = 253;
    private static final int MORE = 0x80;
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private final byte[] out;
    private final int start;
    private final int limit;
    private final Md5Keyed key;
    private int pos;
    /** Authenticator that hides attribute values: see {@link #encode}. */
    private byte[] cryptoAuth;
    private int cryptoAuthOff;

    private WireEncoder(byte[] out, int start, int limit, Md5Keyed key) {
        this.out = out;
        this.start = start;
        this.limit = limit;
        this.key = key;
        this.pos = start + 20;
    }

    /** 16 random octets for a Request Authenticator. */
    public static byte[] randomAuthenticator() {
        byte[] a = new byte[16];
        RANDOM.get().nextBytes(a);
        return a;
    }

    /**
     * Encodes a packet.
     *
     * @param requestCode   null when {@code p} is a request; otherwise the code of the request it answers
     * @param requestAuth   for a response, the request's authenticator at {@code requestAuthOff}
     * @return the packet's length; the packet occupies {@code out[off .. off+length)}
     * @throws IllegalArgumentException when the packet exceeds 4096 octets or a value does not fit its place
     * @throws BufferOverflowException  when it fits 4096 octets but not {@code out} up to {@code limit}
     */
    public static int encode(Packet p, Md5Keyed key, PacketCode requestCode, byte[] requestAuth, int requestAuthOff,
                             byte[] out, int off, int limit) {
        return new WireEncoder(out, off, limit, key).write(p, requestCode, requestAuth, requestAuthOff);
    }

    private int write(Packet p, PacketCode requestCode, byte[] requestAuth, int requestAuthOff) {
        PacketCode code = p.code();
        boolean response = requestCode != null;
        if (response == code.isRequest()) {
            throw new IllegalArgumentException(code + (response ? " is not a response" : " is not a request"));
        }
        ensure(20);
        out[start] = (byte) code.code();
        out[start + 1] = (byte) p.identifier();
        if (response) {
            System.arraycopy(requestAuth, requestAuthOff, out, start + 4, 16);
            cryptoAuth = requestAuth;
            cryptoAuthOff = requestAuthOff;
        } else if (code.hasRandomAuthenticator()) {
            byte[] a = p.authenticatorOrNull();
            System.arraycopy(a != null ? a : randomAuthenticator(), 0, out, start + 4, 16);
            cryptoAuth = out;
            cryptoAuthOff = start + 4;
        } else {
            // Computed authenticators are zero while the packet is built; values are hidden with zeroes then.
            java.util.Arrays.fill(out, start + 4, start + 20, (byte) 0);
            cryptoAuth = out;
            cryptoAuthOff = start + 4;
        }

        boolean signed = code.signsWithMessageAuthenticator() || (response && requestCode.signsWithMessageAuthenticator());
        int ma = -1;
        boolean hasMa = false;
        for (Attribute a : p.attributes()) {
            if (isMessageAuthenticator((AttributeValue) a)) {
                hasMa = true;
                break;
            }
        }
        if (signed && !hasMa) {
            ma = pos;
            zeroMessageAuthenticator();
        }
        for (Attribute a : p.attributes()) {
            AttributeValue v = (AttributeValue) a;
            if (isMessageAuthenticator(v)) {
                if (ma >= 0) {
                    throw new IllegalArgumentException("more than one Message-Authenticator");
                }
                ma = pos;
                zeroMessageAuthenticator();
            } else {
                attribute(v);
            }
        }
        int length = pos - start;
        out[start + 2] = (byte) (length >>> 8);
        out[start + 3] = (byte) length;
        if (ma >= 0) {
            // RFC 3579 section 3.2 / RFC 5176 section 3.3: HMAC over the packet with this authenticator field:
            // the request's for a response, zeroes for a computed Request Authenticator, else the random one.
            MessageDigest h = key.startHmac();
            h.update(out, start, length);
            key.finishHmac(h, out, ma + 2);
        }
        if (response || !code.hasRandomAuthenticator()) {
            MessageDigest md = Md5Keyed.newMd5();
            md.update(out, start, length);
            key.appendSecret(md);
            Md5Keyed.digestInto(md, out, start + 4);
        }
        return length;
    }

    private static boolean isMessageAuthenticator(AttributeValue v) {
        AttributeDef d = v.def();
        return d.number() == MESSAGE_AUTHENTICATOR && d.parentDef() == null;
    }

    private void zeroMessageAuthenticator() {
        ensure(18);
        out[pos] = (byte) MESSAGE_AUTHENTICATOR;
        out[pos + 1] = 18;
        java.util.Arrays.fill(out, pos + 2, pos + 18, (byte) 0);
        pos += 18;
    }

    private void ensure(int n) {
        if (pos + n - start > RadiusPacket.MAX_LENGTH) {
            throw new IllegalArgumentException("the packet exceeds " + RadiusPacket.MAX_LENGTH + " octets");
        }
        if (pos + n > limit) {
            throw new BufferOverflowException();
        }
    }

    private void attribute(AttributeValue a) {
        AttributeDef def = a.def();
        if (def.virtual) {
            throw new IllegalArgumentException(def.name() + " is a dictionary-only attribute and is never sent");
        }
        byte[] b = a.buf();
        int off = a.off();
        int len = a.length();
        int tag = a.tag();
        if (def.encryption() != Encryption.NONE) {
            byte[] hidden = hide(def, b, off, len);
            boolean tagOctet = def.hasTag() && (tag != 0 || def.encryption() == Encryption.TUNNEL_PASSWORD);
            b = tagOctet ? prefix(tag, hidden, 0, hidden.length) : hidden;
            off = 0;
            len = b.length;
        } else if (def.hasTag()) {
            if (AttributeValue.isInteger(def.type()) && len == 4) {
                b = new byte[] {(byte) tag, b[off + 1], b[off + 2], b[off + 3]};
                off = 0;
            } else if (tag != 0 || (len > 0 && (b[off] & 0xFF) <= 0x1F)) {
                // An untagged value starting with 0x00..0x1F would read as a tag; a zero tag keeps it unambiguous.
                b = prefix(tag, b, off, len);
                off = 0;
                len = b.length;
            }
        }
        emit(def, b, off, len);
    }

    private byte[] hide(AttributeDef def, byte[] b, int off, int len) {
        try {
            switch (def.encryption()) {
                case USER_PASSWORD:
                    return AttributeCipher.hideUserPassword(b, off, len, key, cryptoAuth, cryptoAuthOff);
                case TUNNEL_PASSWORD: {
                    byte[] salt = new byte[2];
                    RANDOM.get().nextBytes(salt);
                    return AttributeCipher.hideTunnelPassword(b, off, len, key, cryptoAuth, cryptoAuthOff, salt);
                }
                default:
                    return AttributeCipher.hideAscend(b, off, len, key, cryptoAuth, cryptoAuthOff);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(def.name() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] prefix(int first, byte[] b, int off, int len) {
        byte[] r = new byte[len + 1];
        r[0] = (byte) first;
        System.arraycopy(b, off, r, 1, len);
        return r;
    }

    /** Writes a leaf value in the place its definition's parents give it. */
    private void emit(AttributeDef def, byte[] b, int off, int len) {
        AttributeDef parent = def.parentDef();
        if (parent == null) {
            topLevel(def, b, off, len);
            return;
        }
        switch (parent.type()) {
            case TLV: {
                tooLong(def, len, MAX_VALUE);
                byte[] wrapped = new byte[len + 2];
                wrapped[0] = (byte) def.number();
                wrapped[1] = (byte) (len + 2);
                System.arraycopy(b, off, wrapped, 2, len);
                emit(parent, wrapped, 0, wrapped.length);
                return;
            }
            case VSA:
                vendorSpecific(def, b, off, len);
                return;
            case EXTENDED:
                tooLong(def, len, MAX_VALUE - 1);
                ensure(len + 3);
                out[pos++] = (byte) parent.number();
                out[pos++] = (byte) (len + 3);
                out[pos++] = (byte) def.number();
                put(b, off, len);
                return;
            case LONG_EXTENDED:
                longExtended(parent.number(), def.number(), b, off, len);
                return;
            case EVS: {
                byte[] inner = new byte[len + 5];
                writeUnsigned(inner, 0, def.vendorDef().id(), 4);
                inner[4] = (byte) def.number();
                System.arraycopy(b, off, inner, 5, len);
                emit(parent, inner, 0, inner.length);
                return;
            }
            default:
                throw new IllegalArgumentException(def.name() + " has a parent of type " + parent.type()
                        + ", which cannot hold attributes");
        }
    }

    private void topLevel(AttributeDef def, byte[] b, int off, int len) {
        // Type 0 is reserved, but one received is passed on as received (raw, unknown).
        if (def.number() < (def.isKnown() ? 1 : 0) || def.number() > 255) {
            throw new IllegalArgumentException(def.name() + " (" + def.number() + ") is not a wire attribute");
        }
        if (def.isConcat() && len > MAX_VALUE) {
            for (int at = 0; at < len; at += MAX_VALUE) {
                int n = Math.min(MAX_VALUE, len - at);
                header(def.number(), n);
                put(b, off + at, n);
            }
            return;
        }
        tooLong(def, len, MAX_VALUE);
        header(def.number(), len);
        put(b, off, len);
    }

    private void vendorSpecific(AttributeDef def, byte[] b, int off, int len) {
        VendorDef v = def.vendorDef();
        int header = v.headerLength();
        int room = MAX_VALUE - 4 - header;
        if (len > room && !v.hasContinuation()) {
            throw new IllegalArgumentException(def.name() + ": " + len + " octets exceed the " + room
                    + " a " + v.name() + " Vendor-Specific attribute holds");
        }
        int at = 0;
        do {
            int n = Math.min(room, len - at);
            boolean more = at + n < len;
            ensure(2 + 4 + header + n);
            out[pos++] = 26;
            out[pos++] = (byte) (2 + 4 + header + n);
            writeUnsigned(out, pos, v.id(), 4);
            pos += 4;
            writeUnsigned(out, pos, def.number(), v.typeWidth());
            pos += v.typeWidth();
            if (v.lengthWidth() > 0) {
                writeUnsigned(out, pos, header + n, v.lengthWidth());
                pos += v.lengthWidth();
            }
            if (v.hasContinuation()) {
                out[pos++] = (byte) (more ? MORE : 0);
            }
            put(b, off + at, n);
            at += n;
        } while (at < len);
    }

    /** RFC 6929 section 3.2: fragments of at most 251 octets, all but the last with the More flag. */
    private void longExtended(int type, int extType, byte[] b, int off, int len) {
        int room = MAX_VALUE - 2;
        int at = 0;
        do {
            int n = Math.min(room, len - at);
            boolean more = at + n < len;
            ensure(n + 4);
            out[pos++] = (byte) type;
            out[pos++] = (byte) (n + 4);
            out[pos++] = (byte) extType;
            out[pos++] = (byte) (more ? MORE : 0);
            put(b, off + at, n);
            at += n;
        } while (at < len);
    }

    private static void tooLong(AttributeDef def, int len, int max) {
        if (len > max) {
            throw new IllegalArgumentException(def.name() + ": " + len + " octets exceed the " + max
                    + " one attribute holds");
        }
    }

    private void header(int type, int len) {
        ensure(len + 2);
        out[pos++] = (byte) type;
        out[pos++] = (byte) (len + 2);
    }

    private void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, out, pos, len);
        pos += len;
    }

    private static void writeUnsigned(byte[] b, int off, long v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
