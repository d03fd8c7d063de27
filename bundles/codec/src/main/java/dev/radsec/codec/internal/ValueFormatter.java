package dev.radsec.codec.internal;

import dev.radsec.codec.AttributeDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Values as FreeRADIUS prints them, per data type: names for enumerated values, addresses, hex for octets. */
final class ValueFormatter {
    private ValueFormatter() {
    }

    /** The value as FreeRADIUS prints it, without quotes; arrays as their elements separated by ", ". */
    static String format(AttributeDefinition def, byte[] b, int off, int len) {
        int width = def.type().minLength();
        if (def.isArray() && width == def.type().maxLength() && len > width && len % width == 0) {
            StringBuilder sb = new StringBuilder();
            for (int at = 0; at < len; at += width) {
                sb.append(at == 0 ? "" : ", ").append(formatOne(def, b, off + at, width));
            }
            return sb.toString();
        }
        return formatOne(def, b, off, len);
    }

    private static String formatOne(AttributeDefinition def, byte[] b, int off, int len) {
        switch (def.type()) {
            case TEXT:
                return new String(b, off, len, StandardCharsets.UTF_8);
            case INTEGER:
            case ENUM:
            case BYTE:
            case SHORT: {
                long v = Unsigned.read(b, off, len);
                return def.nameOf(v).orElseGet(() -> Long.toString(v));
            }
            case SIGNED:
                return Integer.toString((int) Unsigned.read(b, off, 4));
            case INTEGER64:
                return Long.toUnsignedString(Unsigned.read(b, off, 8));
            case TIME:
                return Instant.ofEpochSecond(Unsigned.read(b, off, 4)).toString();
            case IPV4ADDR:
            case IPV6ADDR:
            case COMBO_IP:
                return Addresses.text(Addresses.fromWire(b, off, len));
            case IPV4PREFIX:
            case IPV6PREFIX:
                return Addresses.prefixFromWire(def.type(), b, off, len).toString();
            case IFID:
                return HexText.separated(b, off, len, 2, ':');
            case ETHER:
                return HexText.separated(b, off, len, 1, ':');
            default:
                return HexText.hex(b, off, len);
        }
    }
}
