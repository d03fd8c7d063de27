package dev.radsec.codec.internal;

import dev.radsec.codec.DataType;
import dev.radsec.codec.IpPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address family of data types (ipaddr, ipv6addr, combo-ip, ipv4prefix, ipv6prefix): literals and text
 * without DNS, and the wire forms of prefixes.
 */
public final class Addresses {
    private Addresses() {
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

    /** An {@link InetAddress} or a literal of the given kind (IPv4, IPv6 or either). */
    static InetAddress parse(Object value, Class<? extends InetAddress> kind) {
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

    /** An address as text; IPv6 in the RFC 5952 form (lower case, longest zero run as "::"). */
    public static String text(InetAddress a) {
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

    /** The address in 4 or 16 octets. */
    static InetAddress fromWire(byte[] b, int off, int len) {
        byte[] a = new byte[len];
        System.arraycopy(b, off, a, 0, len);
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(len + " octets are not an address", e);
        }
    }

    /** The wire form of a prefix: a reserved octet, the length in bits, then as many octets as it covers. */
    static byte[] prefixToWire(DataType type, IpPrefix p) {
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

    /** A prefix from its wire form; bits beyond the prefix length are ignored, as RFC 8044 asks of receivers. */
    static IpPrefix prefixFromWire(DataType type, byte[] b, int off, int len) {
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
}
