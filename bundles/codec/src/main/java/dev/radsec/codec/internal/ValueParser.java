package dev.radsec.codec.internal;

import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.DataType;
import dev.radsec.codec.IpPrefix;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;

/** The octets of a value given as a Java object or as text the way FreeRADIUS writes it, per data type. */
final class ValueParser {
    private ValueParser() {
    }

    /**
     * The octets of {@code value} for {@code def}'s type.
     *
     * @throws IllegalArgumentException naming the attribute when the value does not fit the type
     */
    static byte[] encode(AttributeDefinition def, Object value) {
        try {
            return encodeOrThrow(def, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(def.name() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encodeOrThrow(AttributeDefinition def, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("value is null");
        }
        DataType type = def.type();
        if (def.isArray() && (value instanceof Collection || (value instanceof String && ((String) value).contains(",")))) {
            // Array attributes pack their elements: accept a collection or "a, b, c".
            Iterable<?> elements = value instanceof String ? Arrays.asList(((String) value).split(","))
                    : (Collection<?>) value;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Object element : elements) {
                byte[] b = encodeOrThrow(def, element instanceof String ? ((String) element).trim() : element);
                out.write(b, 0, b.length);
            }
            return out.toByteArray();
        }
        if (value instanceof byte[]) {
            byte[] b = ((byte[]) value).clone();
            if (!type.isContainer() && !ValueChecks.lengthOk(def, b.length)
                    && !(def.isArray() && ValueChecks.validWire(def, b, 0, b.length))) {
                throw new IllegalArgumentException(b.length + " octets do not fit type " + type.dictionaryName());
            }
            return b;
        }
        switch (type) {
            case TEXT:
                return value.toString().getBytes(StandardCharsets.UTF_8);
            case STRING:
            case ABINARY:
            case TLV:
            case VSA:
            case EXTENDED:
            case LONG_EXTENDED:
            case EVS:
                return HexText.hexOrText(value.toString());
            case INTEGER:
            case ENUM:
                return Unsigned.bytes(integer(def, value, 0, 0xFFFFFFFFL), 4);
            case BYTE:
                return Unsigned.bytes(integer(def, value, 0, 0xFF), 1);
            case SHORT:
                return Unsigned.bytes(integer(def, value, 0, 0xFFFF), 2);
            case SIGNED:
                return Unsigned.bytes(integer(def, value, Integer.MIN_VALUE, Integer.MAX_VALUE) & 0xFFFFFFFFL, 4);
            case INTEGER64:
                return Unsigned.bytes(integer(def, value, Long.MIN_VALUE, Long.MAX_VALUE), 8);
            case TIME:
                return Unsigned.bytes(time(value), 4);
            case IPV4ADDR:
                return Addresses.parse(value, Inet4Address.class).getAddress();
            case IPV6ADDR:
                return Addresses.parse(value, Inet6Address.class).getAddress();
            case COMBO_IP:
                return Addresses.parse(value, InetAddress.class).getAddress();
            case IPV6PREFIX:
            case IPV4PREFIX:
                return Addresses.prefixToWire(type,
                        value instanceof IpPrefix ? (IpPrefix) value : IpPrefix.parse(value.toString()));
            case IFID:
                return HexText.parseSeparated(value.toString(), 8, ':', 2);
            case ETHER:
                return HexText.parseSeparated(value.toString().replace('-', ':'), 6, ':', 1);
            default:
                throw new IllegalArgumentException("no conversion for type " + type);
        }
    }

    /** A number, a {@code 0x} number or a VALUE name of the attribute, within {@code min..max}. */
    private static long integer(AttributeDefinition def, Object value, long min, long max) {
        long n;
        if (value instanceof Number) {
            n = ((Number) value).longValue();
        } else {
            String s = value.toString().trim();
            Long named = def.valueOf(s).orElse(null);
            if (named != null) {
                n = named;
            } else {
                try {
                    n = s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + s + "' is neither a number nor a VALUE name");
                }
            }
        }
        if (max != Long.MAX_VALUE && (n < min || n > max)) {
            throw new IllegalArgumentException(n + " is outside " + min + ".." + max);
        }
        return n;
    }

    /** Seconds since 1970 from an {@link Instant}, a number or ISO-8601 text. */
    private static long time(Object value) {
        if (value instanceof Instant) {
            long s = ((Instant) value).getEpochSecond();
            if (s < 0 || s > 0xFFFFFFFFL) {
                throw new IllegalArgumentException(value + " does not fit a 32-bit RADIUS time");
            }
            return s;
        }
        if (value instanceof Number) {
            return ((Number) value).longValue() & 0xFFFFFFFFL;
        }
        String s = value.toString().trim();
        try {
            return time(Instant.parse(s));
        } catch (DateTimeParseException e) {
            try {
                return Long.parseLong(s) & 0xFFFFFFFFL;
            } catch (NumberFormatException e2) {
                throw new IllegalArgumentException("'" + s + "' is neither seconds nor an ISO-8601 instant");
            }
        }
    }
}
