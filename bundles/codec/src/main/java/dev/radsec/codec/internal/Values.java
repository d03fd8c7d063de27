package dev.radsec.codec.internal;

import dev.radsec.codec.DataType;
import dev.radsec.codec.IpPrefix;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Conversions between Java values, text as FreeRADIUS writes it, and the octets of each data type. */
public final class Values {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Values() {
    }

    /** The octets of {@code value} for {@code def}'s type. */
    static byte[] encode(AttributeDef def, Object value) {
        try {
            return encodeOrThrow(def, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(def.name() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encodeOrThrow(AttributeDef def, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("value is null");
        }
        DataType type = def.type();
        if (def.isArray() && (value instanceof java.util.Collection || (value instanceof String && ((String) value).contains(",")))) {
            // Array attributes pack their elements: accept a collection or "a, b, c".
            Iterable<?> elements = value instanceof String ? java.util.Arrays.asList(((String) value).split(","))
                    : (java.util.Collection<?>) value;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (Object element : elements) {
                byte[] b = encodeOrThrow(def, element instanceof String ? ((String) element).trim() : element);
                out.write(b, 0, b.length);
            }
            return out.toByteArray();
        }
        if (value instanceof byte[]) {
            byte[] b = ((byte[]) value).clone();
            if (!type.isContainer() && !lengthOk(def, b.length) && !(def.isArray() && validWire(def, b, 0, b.length))) {
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
                return hexOrText(value.toString());
            case INTEGER:
            case ENUM:
                return unsigned(integer(def, value, 0, 0xFFFFFFFFL), 4);
            case BYTE:
                return unsigned(integer(def, value, 0, 0xFF), 1);
            case SHORT:
                return unsigned(integer(def, value, 0, 0xFFFF), 2);
            case SIGNED:
                return unsigned(integer(def, value, Integer.MIN_VALUE, Integer.MAX_VALUE) & 0xFFFFFFFFL, 4);
            case INTEGER64:
                return unsigned(integer(def, value, Long.MIN_VALUE, Long.MAX_VALUE), 8);
            case TIME:
                return unsigned(time(value), 4);
            case IPV4ADDR:
                return address(value, Inet4Address.class).getAddress();
            case IPV6ADDR:
                return address(value, Inet6Address.class).getAddress();
            case COMBO_IP:
                return address(value, InetAddress.class).getAddress();
            case IPV6PREFIX:
            case IPV4PREFIX:
                return prefix(type, value instanceof IpPrefix ? (IpPrefix) value : IpPrefix.parse(value.toString()));
            case IFID:
                return separatedHex(value.toString(), 8, ':', 2);
            case ETHER:
                return separatedHex(value.toString().replace('-', ':'), 6, ':', 1);
            default:
                throw new IllegalArgumentException("no conversion for type " + type);
        }
    }

    static boolean lengthOk(AttributeDef def, int length) {
        DataType type = def.type();
        if (type == DataType.TEXT || type == DataType.STRING || type == DataType.ABINARY || type == DataType.TLV) {
            return true; // size limits depend on where the attribute goes; the encoder checks them
        }
        return type.acceptsLength(length);
    }

    private static long integer(AttributeDef def, Object value, long min, long max) {
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

    private static InetAddress address(Object value, Class<? extends InetAddress> kind) {
        InetAddress a;
        if (value instanceof InetAddress) {
            a = (InetAddress) value;
        } else {
            a = literal(value.toString().trim());
        }
        if (!kind.isInstance(a)) {
            throw new IllegalArgumentException(a.getHostAddress() + " is not an " + kind.getSimpleName());
        }
        return a;
    }

    /** An address literal; never a DNS lookup. */
    public static InetAddress literal(String s) {
        if (!isAddressLiteral(s)) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address literal");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address: " + e.getMessage());
        }
    }

    /**
     * Dotted-quad IPv4, or hex digits, colons and dots with at least one colon (IPv6): the only strings handed to
     * {@link InetAddress#getByName}, which then parses without resolving.
     */
    private static boolean isAddressLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        boolean colon = false;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c == '.') {
                dots++;
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        if (colon) {
            return true;
        }
        if (dots != 3) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] prefix(DataType type, IpPrefix p) {
        byte[] a = p.address().getAddress();
        if (type == DataType.IPV4PREFIX) {
            if (p.isIpv6()) {
                throw new IllegalArgumentException(p + " is not an IPv4 prefix");
            }
            return new byte[] {0, (byte) p.length(), a[0], a[1], a[2], a[3]};
        }
        if (!p.isIpv6()) {
            throw new IllegalArgumentException(p + " is not an IPv6 prefix");
        }
        int octets = (p.length() + 7) / 8;
        byte[] out = new byte[2 + octets];
        out[1] = (byte) p.length();
        System.arraycopy(a, 0, out, 2, octets);
        return out;
    }

    private static byte[] hexOrText(String s) {
        if (s.startsWith("0x")) {
            String h = s.substring(2);
            if (h.length() % 2 != 0) {
                throw new IllegalArgumentException("odd number of hex digits in '" + s + "'");
            }
            byte[] out = new byte[h.length() / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(h.charAt(2 * i), 16);
                int lo = Character.digit(h.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("'" + s + "' is not hex");
                }
                out[i] = (byte) (hi << 4 | lo);
            }
            return out;
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] separatedHex(String s, int octets, char sep, int groupOctets) {
        String digits = s.replace(String.valueOf(sep), "");
        if (digits.length() != octets * 2 || s.length() != digits.length() + (octets / groupOctets) - 1) {
            throw new IllegalArgumentException("'" + s + "' is not " + octets + " hex octets separated by '" + sep + "'");
        }
        return hexOrText("0x" + digits);
    }

    static byte[] unsigned(long v, int width) {
        byte[] b = new byte[width];
        for (int i = width - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    static long readUnsigned(byte[] b, int off, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    static String hex(byte[] b, int off, int len) {
        char[] c = new char[2 + 2 * len];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < len; i++) {
            c[2 + 2 * i] = HEX[(b[off + i] >> 4) & 0xF];
            c[3 + 2 * i] = HEX[b[off + i] & 0xF];
        }
        return new String(c);
    }

    private static String separated(byte[] b, int off, int len, int group, char sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0 && i % group == 0) {
                sb.append(sep);
            }
            sb.append(HEX[(b[off + i] >> 4) & 0xF]).append(HEX[b[off + i] & 0xF]);
        }
        return sb.toString();
    }

    /** The value as FreeRADIUS prints it, without quotes; arrays as their elements separated by ", ". */
    static String format(AttributeDef def, byte[] b, int off, int len) {
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

    private static String formatOne(AttributeDef def, byte[] b, int off, int len) {
        switch (def.type()) {
            case TEXT:
                return new String(b, off, len, StandardCharsets.UTF_8);
            case INTEGER:
            case ENUM:
            case BYTE:
            case SHORT: {
                long v = readUnsigned(b, off, len);
                String name = def.nameOrNull(v);
                return name != null ? name : Long.toString(v);
            }
            case SIGNED:
                return Integer.toString((int) readUnsigned(b, off, 4));
            case INTEGER64:
                return Long.toUnsignedString(readUnsigned(b, off, 8));
            case TIME:
                return Instant.ofEpochSecond(readUnsigned(b, off, 4)).toString();
            case IPV4ADDR:
            case IPV6ADDR:
            case COMBO_IP:
                return addressText(address(b, off, len));
            case IPV4PREFIX:
            case IPV6PREFIX:
                return prefix(def.type(), b, off, len).toString();
            case IFID:
                return separated(b, off, len, 2, ':');
            case ETHER:
                return separated(b, off, len, 1, ':');
            default:
                return hex(b, off, len);
        }
    }

    /** An address as text; IPv6 in the RFC 5952 form (lower case, longest zero run as "::"). */
    public static String addressText(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xFF) << 8 | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    static InetAddress address(byte[] b, int off, int len) {
        byte[] a = new byte[len];
        System.arraycopy(b, off, a, 0, len);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(len + " octets are not an address", e);
        }
    }

    /** A prefix from its wire form; bits beyond the prefix length are ignored, as RFC 8044 asks of receivers. */
    static IpPrefix prefix(DataType type, byte[] b, int off, int len) {
        int bits = b[off + 1] & 0xFF;
        byte[] a = new byte[type == DataType.IPV4PREFIX ? 4 : 16];
        System.arraycopy(b, off + 2, a, 0, Math.min(len - 2, a.length));
        for (int bit = bits; bit < a.length * 8; bit++) {
            a[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return IpPrefix.of(InetAddress.getByAddress(a), bits);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when decoded octets are a valid value of the type; otherwise the attribute is kept as raw octets. */
    static boolean validWire(AttributeDef def, byte[] b, int off, int len) {
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
