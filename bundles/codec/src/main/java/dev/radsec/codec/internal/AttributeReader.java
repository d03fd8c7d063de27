package dev.radsec.codec.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.DataType;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Encryption;
import dev.radsec.codec.Vendor;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Unfolds a decoded packet's wire attributes into logical attributes: Vendor-Specific sub-attributes, RFC 6929
 * extended and long-extended attributes (reassembling fragments), concat attributes and tags, and reveals
 * hidden values. Never throws on odd input: anything that does not parse as its dictionary says is kept as a
 * raw {@code Attr-<oid>} attribute with the octets as they were, as FreeRADIUS does.
 */
final class AttributeReader {
    private static final int MORE = 0x80;

    private final Packet packet;
    private final Dictionary dictionary;
    private final byte[] w;
    private final int[] offsets;
    private final List<Attribute> out = new ArrayList<>();

    private AttributeReader(Packet packet) {
        this.packet = packet;
        this.dictionary = packet.dictionary();
        this.w = packet.wire;
        this.offsets = packet.attributeOffsets;
    }

    static List<Attribute> read(Packet packet) {
        AttributeReader r = new AttributeReader(packet);
        r.readAll();
        return r.out;
    }

    /** The first occurrence of a plain top-level attribute, found by type alone. */
    static Attribute firstPlain(Packet packet, AttributeDefinition def) {
        byte[] w = packet.wire;
        for (int p : packet.attributeOffsets) {
            if ((w[p] & 0xFF) != def.number()) {
                continue;
            }
            int len = (w[p + 1] & 0xFF) - 2;
            byte[] b = w;
            int off = p + 2;
            if (def.encryption() != Encryption.NONE) {
                b = reveal(packet, def, w, off, len);
                if (b == null) {
                    continue;
                }
                off = 0;
                len = b.length;
            }
            // An occurrence whose value does not fit the type is a raw Attr-N, not this attribute: look on.
            if (ValueChecks.validWire(def, b, off, len)) {
                return new AttributeValue(def, 0, b, off, len);
            }
        }
        return null;
    }

    private int type(int i) {
        return w[offsets[i]] & 0xFF;
    }

    private int valueOff(int i) {
        return offsets[i] + 2;
    }

    private int valueLen(int i) {
        return (w[offsets[i] + 1] & 0xFF) - 2;
    }

    private void readAll() {
        int i = 0;
        while (i < offsets.length) {
            int t = type(i);
            // Type 0 is reserved: no dictionary defines it, and Dictionary.attribute(int) takes 1..255.
            AttributeDefinition def = t == 0 ? AttributeDef.unknown(0, null, null) : dictionary.attribute(t);
            if (!def.isKnown()) {
                out.add(new AttributeValue(def, 0, w, valueOff(i), valueLen(i)));
                i++;
                continue;
            }
            switch (def.type()) {
                case VSA:
                    i = vendorSpecific(def, i);
                    break;
                case EXTENDED:
                    extended(def, i);
                    i++;
                    break;
                case LONG_EXTENDED:
                    i = longExtended(def, i);
                    break;
                default:
                    if (def.isConcat()) {
                        i = concat(def, i);
                    } else {
                        leaf(def, w, valueOff(i), valueLen(i), i);
                        i++;
                    }
            }
        }
    }

    private void raw(int i) {
        out.add(new AttributeValue(AttributeDef.unknown(type(i), null, null), 0, w, valueOff(i), valueLen(i)));
    }

    /** The dictionary's vendor, or one of FreeRADIUS's default format for a number it does not name. */
    private Vendor vendor(int vendorId) {
        Vendor known = dictionary.vendor(vendorId).orElse(null);
        return known != null ? known : VendorDef.unknown(vendorId);
    }

    private int concat(AttributeDefinition def, int i) {
        int j = i + 1;
        while (j < offsets.length && type(j) == def.number()) {
            j++;
        }
        if (j == i + 1) {
            leaf(def, w, valueOff(i), valueLen(i), i);
        } else {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (int k = i; k < j; k++) {
                joined.write(w, valueOff(k), valueLen(k));
            }
            byte[] b = joined.toByteArray();
            out.add(new AttributeValue(def, 0, b, 0, b.length));
        }
        return j;
    }

    private void extended(AttributeDefinition def, int i) {
        int off = valueOff(i);
        int len = valueLen(i);
        if (len < 1) {
            raw(i);
            return;
        }
        if (!extendedLeaf(def, w, off + 1, len - 1, w[off] & 0xFF)) {
            raw(i);
        }
    }

    /** The value of an extended attribute after its Extended-Type octet (and flags, for long-extended ones). */
    private boolean extendedLeaf(AttributeDefinition def, byte[] b, int off, int len, int extType) {
        AttributeDefinition child = def.child(extType).orElse(null);
        if (child != null && child.type() == DataType.EVS) {
            if (len < 5) {
                return false;
            }
            int vendorId = (int) Unsigned.read(b, off, 4);
            int vendorType = b[off + 4] & 0xFF;
            AttributeDefinition leaf = child.vendorChild(vendorId, vendorType).orElse(null);
            if (leaf == null) {
                leaf = AttributeDef.unknown(vendorType, vendor(vendorId), child);
            }
            leaf(leaf, b, off + 5, len - 5, -1);
            return true;
        }
        if (child == null) {
            child = AttributeDef.unknown(extType, null, def);
        }
        leaf(child, b, off, len, -1);
        return true;
    }

    private int longExtended(AttributeDefinition def, int i) {
        int t = type(i);
        if (valueLen(i) < 2) {
            raw(i);
            return i + 1;
        }
        int extType = w[valueOff(i)] & 0xFF;
        int j = i;
        ByteArrayOutputStream joined = null;
        while (true) {
            int off = valueOff(j);
            int len = valueLen(j);
            boolean more = (w[off + 1] & MORE) != 0;
            if (joined != null || more) {
                if (joined == null) {
                    joined = new ByteArrayOutputStream();
                }
                joined.write(w, off + 2, len - 2);
            }
            j++;
            if (!more) {
                break;
            }
            // RFC 6929 section 3.2: a fragment with More set must be followed by one of the same type.
            if (j >= offsets.length || type(j) != t || valueLen(j) < 2 || (w[valueOff(j)] & 0xFF) != extType) {
                for (int k = i; k < j; k++) {
                    raw(k);
                }
                return j;
            }
        }
        if (joined == null) {
            extendedLeaf(def, w, valueOff(i) + 2, valueLen(i) - 2, extType);
        } else {
            byte[] b = joined.toByteArray();
            if (!extendedLeaf(def, b, 0, b.length, extType)) {
                for (int k = i; k < j; k++) {
                    raw(k);
                }
            }
        }
        return j;
    }

    /** Reads a Vendor-Specific attribute and, for vendors with continuation (WiMAX), the ones continuing it. */
    private int vendorSpecific(AttributeDefinition vsa, int i) {
        int off = valueOff(i);
        int len = valueLen(i);
        if (len < 5) {
            raw(i);
            return i + 1;
        }
        Vendor vendor = vendor((int) Unsigned.read(w, off, 4));
        int start = out.size();
        int next = subAttributes(vsa, vendor, i);
        if (next < 0) {
            // Not what the vendor's format says: keep the whole attribute as it was.
            while (out.size() > start) {
                out.remove(out.size() - 1);
            }
            raw(i);
            return i + 1;
        }
        return next;
    }

    /** @return the index of the next wire attribute, or -1 when the sub-attributes are malformed */
    private int subAttributes(AttributeDefinition vsa, Vendor vendor, int i) {
        int tw = vendor.typeWidth();
        int lw = vendor.lengthWidth();
        int header = VendorDef.headerLength(vendor);
        int p = valueOff(i) + 4;
        int end = valueOff(i) + valueLen(i);
        int next = i + 1;
        while (p < end) {
            if (end - p < header) {
                return -1;
            }
            int type = (int) Unsigned.read(w, p, tw);
            int subLen = lw == 0 ? end - p : (int) Unsigned.read(w, p + tw, lw);
            if (subLen < header || p + subLen > end) {
                return -1;
            }
            AttributeDefinition def = dictionary.vendorAttribute(vendor.id(), type).orElse(null);
            if (def == null) {
                def = AttributeDef.unknown(type, vendor, vsa);
            }
            if (vendor.hasContinuation() && (w[p + tw + lw] & MORE) != 0) {
                // WiMAX: the value continues in the next Vendor-Specific attribute(s), whose only sub-attribute
                // has the same vendor and type.
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                joined.write(w, p + header, subLen - header);
                if (p + subLen != end) {
                    return -1;
                }
                boolean more = true;
                while (more) {
                    if (next >= offsets.length || type(next) != 26 || valueLen(next) < 4 + header) {
                        return -1;
                    }
                    int q = valueOff(next);
                    int qLen = valueLen(next);
                    if ((int) Unsigned.read(w, q, 4) != vendor.id() || (w[q + 4] & 0xFF) != type
                            || (w[q + 5] & 0xFF) != qLen - 4) {
                        return -1;
                    }
                    more = (w[q + 6] & MORE) != 0;
                    joined.write(w, q + 4 + header, qLen - 4 - header);
                    next++;
                }
                byte[] b = joined.toByteArray();
                leaf(def, b, 0, b.length, -1);
                return next;
            }
            leaf(def, w, p + header, subLen - header, -1);
            p += subLen;
        }
        return next;
    }

    /**
     * One leaf attribute: strips the tag, reveals a hidden value and checks the value against the type; a value
     * that does not fit becomes a raw attribute in the same place.
     */
    private void leaf(AttributeDefinition def, byte[] b, int off, int len, int wireIndex) {
        int tag = 0;
        int vOff = off;
        int vLen = len;
        byte[] vBuf = b;
        if (def.hasTag() && len > 0) {
            if (AttributeValue.isInteger(def.type())) {
                // RFC 2868: the tag takes the high octet of a 32-bit value.
                if (len == 4) {
                    tag = b[off] & 0xFF;
                    vBuf = new byte[] {0, b[off + 1], b[off + 2], b[off + 3]};
                    vOff = 0;
                }
            } else if (def.encryption() == Encryption.TUNNEL_PASSWORD
                    || (b[off] & 0xFF) <= 0x1F) {
                tag = b[off] & 0xFF;
                vOff = off + 1;
                vLen = len - 1;
            }
        }
        if (def.encryption() != Encryption.NONE) {
            byte[] clear = reveal(packet, def, vBuf, vOff, vLen);
            if (clear == null) {
                rawLeaf(def, b, off, len);
                return;
            }
            vBuf = clear;
            vOff = 0;
            vLen = clear.length;
        }
        if (tag > 0x1F || !ValueChecks.validWire(def, vBuf, vOff, vLen)) {
            rawLeaf(def, b, off, len);
            return;
        }
        out.add(new AttributeValue(def, tag, vBuf, vOff, vLen));
    }

    private void rawLeaf(AttributeDefinition def, byte[] b, int off, int len) {
        AttributeDef raw = AttributeDef.unknown(def.number(), def.vendor().orElse(null), def.parent().orElse(null));
        out.add(new AttributeValue(raw, 0, b, off, len));
    }

    /** The clear value, or {@code null} when the packet has no secret or the octets are not a valid hidden form. */
    private static byte[] reveal(Packet packet, AttributeDefinition def, byte[] b, int off, int len) {
        Md5Keyed key = packet.key;
        byte[] auth = packet.cryptoAuthenticator;
        int authOff = packet.cryptoAuthenticatorOffset;
        if (key == null) {
            return null;
        }
        switch (def.encryption()) {
            case USER_PASSWORD:
                return AttributeCipher.revealUserPassword(b, off, len, key, auth, authOff);
            case TUNNEL_PASSWORD:
                return AttributeCipher.revealTunnelPassword(b, off, len, key, auth, authOff);
            case ASCEND_SECRET:
                return AttributeCipher.revealAscend(b, off, len, key, auth, authOff);
            default:
                return null;
        }
    }
}
