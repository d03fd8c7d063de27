package dev.radsec.codec.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.Encryption;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.Vendor;
import java.nio.BufferOverflowException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;

/**
 * Writes a packet's wire form into a caller's array: attributes (wrapped in their containers, fragmented where
 * RFC 6929 and {@code concat} allow, hidden where the dictionary says), then Length, Message-Authenticator and
 * the Request or Response Authenticator. One instance per packet encoded. It reads packets, attributes and
 * definitions through their public interfaces only.
 */
public final class WireEncoder {
    private static final int MESSAGE_AUTHENTICATOR = 80;
    private static final int MAX_VALUE = 253;
    private static final int MORE = 0x80;
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    /** Where a value is read to be written: no value longer than a packet fits in one. */
    private static final ThreadLocal<byte[]> VALUE = ThreadLocal.withInitial(() -> new byte[RadiusPacket.MAX_LENGTH]);

    private final byte[] out;
    private final int start;
    private final int limit;
    private final Md5Keyed key;
    private final byte[] value = VALUE.get();
    private int pos;
    /** Authenticator that hides attribute values: see {@link #encode}. */
    private byte[] cryptoAuth;
    private int cryptoAuthOff;
    /** The Identifier to write, or -1 for the packet's own. */
    private int identifier = -1;
    /** Whether a random Request Authenticator is drawn anew rather than taken from the packet. */
    private boolean freshAuthenticator;

    private WireEncoder(byte[] out, int start, int limit, Md5Keyed key) {
        this.out = out;
        this.start = start;
        this.limit = limit;
        this.key = key;
        this.pos = start + 20;
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
    public static int encode(RadiusPacket p, Md5Keyed key, PacketCode requestCode, byte[] requestAuth, int requestAuthOff,
                             byte[] out, int off, int limit) {
        return new WireEncoder(out, off, limit, key).write(p, requestCode, requestAuth, requestAuthOff);
    }

    /**
     * Encodes request {@code p} as sent under {@code identifier}, with a new random Request Authenticator where its
     * code has one (a computed one is computed as always): a transmission of a packet built elsewhere, without
     * copying it to change those two fields.
     */
    public static int encodeAs(RadiusPacket p, int identifier, Md5Keyed key, byte[] out, int off, int limit) {
        WireEncoder e = new WireEncoder(out, off, limit, key);
        e.identifier = identifier;
        e.freshAuthenticator = true;
        return e.write(p, null, null, 0);
    }

    private int write(RadiusPacket p, PacketCode requestCode, byte[] requestAuth, int requestAuthOff) {
        PacketCode code = p.code();
        boolean response = requestCode != null;
        if (response == code.isRequest()) {
            throw new IllegalArgumentException(code + (response ? " is not a response" : " is not a request"));
        }
        ensure(20);
        out[start] = (byte) code.code();
        out[start + 1] = (byte) (identifier >= 0 ? identifier : p.identifier());
        if (response) {
            System.arraycopy(requestAuth, requestAuthOff, out, start + 4, 16);
            cryptoAuth = requestAuth;
            cryptoAuthOff = requestAuthOff;
        } else if (code.hasRandomAuthenticator()) {
            // RadiusPacket#authenticator(): a copy, all zeroes when the codec is to generate it.
            byte[] a = freshAuthenticator ? new byte[16] : p.authenticator();
            if (isZero(a)) {
                RANDOM.get().nextBytes(a);
            }
            System.arraycopy(a, 0, out, start + 4, 16);
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
        List<Attribute> attributes = p.attributes();
        for (Attribute a : attributes) {
            if (isMessageAuthenticator(a)) {
                hasMa = true;
                break;
            }
        }
        if (signed && !hasMa) {
            ma = pos;
            zeroMessageAuthenticator();
        }
        for (Attribute a : attributes) {
            if (isMessageAuthenticator(a)) {
                if (ma >= 0) {
                    throw new IllegalArgumentException("more than one Message-Authenticator");
                }
                ma = pos;
                zeroMessageAuthenticator();
            } else {
                attribute(a);
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
            MessageDigest md = Md5Keyed.threadMd5();
            md.update(out, start, length);
            key.appendSecret(md);
            Md5Keyed.digestInto(md, out, start + 4);
        }
        return length;
    }

    private static boolean isMessageAuthenticator(Attribute a) {
        AttributeDefinition d = a.definition();
        return d.number() == MESSAGE_AUTHENTICATOR && d.parent().isEmpty();
    }

    private static boolean isZero(byte[] b) {
        for (byte octet : b) {
            if (octet != 0) {
                return false;
            }
        }
        return true;
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

    private void attribute(Attribute a) {
        AttributeDefinition def = a.definition();
        if (def.isVirtual()) {
            throw new IllegalArgumentException(def.name() + " is a dictionary-only attribute and is never sent");
        }
        int len = a.length();
        byte[] b = len <= value.length ? value : new byte[len];
        a.copyBytesTo(b, 0);
        int off = 0;
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

    private byte[] hide(AttributeDefinition def, byte[] b, int off, int len) {
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
    private void emit(AttributeDefinition def, byte[] b, int off, int len) {
        AttributeDefinition parent = def.parent().orElse(null);
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
                Unsigned.write(inner, 0, vendor(def).id(), 4);
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

    private void topLevel(AttributeDefinition def, byte[] b, int off, int len) {
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

    private void vendorSpecific(AttributeDefinition def, byte[] b, int off, int len) {
        Vendor v = vendor(def);
        int header = VendorDef.headerLength(v);
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
            Unsigned.write(out, pos, v.id(), 4);
            pos += 4;
            Unsigned.write(out, pos, def.number(), v.typeWidth());
            pos += v.typeWidth();
            if (v.lengthWidth() > 0) {
                Unsigned.write(out, pos, header + n, v.lengthWidth());
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

    private static Vendor vendor(AttributeDefinition def) {
        return def.vendor().orElseThrow(() -> new IllegalArgumentException(def.name() + " names no vendor"));
    }

    private static void tooLong(AttributeDefinition def, int len, int max) {
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
}
