package dev.radsec.codec.internal;

import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.DataType;

/** Which octets are a value of a data type: for values given as octets and for values decoded. */
final class ValueChecks {
    private ValueChecks() {
    }

    /** Whether {@code length} octets may hold a value of the type, before the encoder checks where it goes. */
    static boolean lengthOk(AttributeDefinition def, int length) {
        DataType type = def.type();
        if (type == DataType.TEXT || type == DataType.STRING || type == DataType.ABINARY || type == DataType.TLV) {
            return true; // size limits depend on where the attribute goes; the encoder checks them
        }
        return type.acceptsLength(length);
    }

    /** True when decoded octets are a valid value of the type; otherwise the attribute is kept as raw octets. */
    static boolean validWire(AttributeDefinition def, byte[] b, int off, int len) {
        DataType type = def.type();
        switch (type) {
            case TEXT:
            case STRING:
            case ABINARY:
                return true;
            case IPV6PREFIX:
                return len >= 2 && len <= 18 && (b[off + 1] & 0xFF) <= 128 && (len - 2) * 8 >= (b[off + 1] & 0xFF);
            case IPV4PREFIX:
                return len == 6 && (b[off + 1] & 0xFF) <= 32;
            case TLV:
                return validTlv(b, off, len);
            default:
                if (def.isArray() && len > 0 && type.minLength() == type.maxLength()) {
                    return len % type.minLength() == 0;
                }
                return type.acceptsLength(len);
        }
    }

    /** Whether the octets are a whole sequence of type-length-value children. */
    static boolean validTlv(byte[] b, int off, int len) {
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 2) {
                return false;
            }
            int l = b[p + 1] & 0xFF;
            if (l < 2 || p + l > end) {
                return false;
            }
            p += l;
        }
        return true;
    }
}
