package dev.radsec.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/** An IPv4 or IPv6 prefix: the value of ipv4prefix and ipv6prefix attributes. Immutable. */
public final class IpPrefix {
    private final byte[] address;
    private final int length;

    private IpPrefix(byte[] address, int length) {
        this.address = address;
        this.length = length;
    }

    /**
     * @param address 4 or 16 octets; bits beyond {@code length} must be zero (RFC 8044 section 3.10)
     * @param length  0..32 or 0..128
     */
    public static IpPrefix of(InetAddress address, int length) {
        byte[] a = address.getAddress();
        int max = a.length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0.." + max);
        }
        for (int bit = length; bit < max; bit++) {
            if ((a[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException(address.getHostAddress() + "/" + length
                        + " has bits set beyond the prefix length");
            }
        }
        return new IpPrefix(a, length);
    }

    /** Parses {@code 2001:db8::/32} or {@code 192.0.2.0/24}. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a prefix: no '/length'");
        }
        String host = text.substring(0, slash).trim();
        try {
            return of(dev.radsec.codec.internal.Addresses.literal(host), Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a prefix: " + e.getMessage(), e);
        }
    }

    public InetAddress address() {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 octets are always an address", e);
        }
    }

    public int length() {
        return length;
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix && ((IpPrefix) o).length == length
                && Arrays.equals(((IpPrefix) o).address, address);
    }

    @Override
    public int hashCode() {
        return Objects.hash(length, Arrays.hashCode(address));
    }

    @Override
    public String toString() {
        return dev.radsec.codec.internal.Addresses.text(address()) + "/" + length;
    }
}
