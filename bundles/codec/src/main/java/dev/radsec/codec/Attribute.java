package dev.radsec.codec;

import dev.radsec.codec.internal.AttributeValue;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One logical attribute: a definition, an optional RFC 2868 tag and a value in clear (never the hidden form).
 * Immutable. A decoded attribute reads its value straight from the packet's octets; accessors convert on
 * demand.
 *
 * <p>The {@code as...} accessors throw {@link IllegalStateException} when the value's type or length does not
 * allow the conversion. {@link #toString()} prints {@code Name = value} like FreeRADIUS, except that values of
 * hidden attributes (User-Password and other {@code encrypt=} attributes) print as {@code <hidden>}.
 */
@ProviderType
public interface Attribute {

    /**
     * An attribute from a Java value: {@link String} (parsed for the type as FreeRADIUS would, so
     * {@code "Framed-User"}, {@code "10"}, {@code "192.0.2.1"}, {@code "2001:db8::/32"} and {@code "0x0a0b"}
     * all work), {@link Integer}/{@link Long} for numeric types, {@link InetAddress}, {@link IpPrefix},
     * {@link Instant} and {@code byte[]}.
     *
     * @throws IllegalArgumentException naming the attribute when the value does not fit its type
     */
    static Attribute of(AttributeDefinition definition, Object value) {
        return AttributeValue.of(definition, 0, value);
    }

    /** As {@link #of(AttributeDefinition, Object)}, with an RFC 2868 tag 1..31 (0 means none). */
    static Attribute of(AttributeDefinition definition, int tag, Object value) {
        return AttributeValue.of(definition, tag, value);
    }

    /** A TLV attribute from its children, encoded in order. */
    static Attribute tlv(AttributeDefinition definition, List<Attribute> children) {
        return AttributeValue.tlv(definition, children);
    }

    AttributeDefinition definition();

    /** The RFC 2868 tag, 0 when none. */
    int tag();

    /** Length of the value in octets, as the data type encodes it (before hiding and tags). */
    int length();

    /** A copy of the value's octets. */
    byte[] bytes();

    /**
     * Copies the value's {@link #length()} octets into {@code dst} at {@code offset}: {@link #bytes()} for a caller
     * that reuses its buffer.
     *
     * @throws IndexOutOfBoundsException when they do not fit there; {@code dst} is then unchanged
     */
    void copyBytesTo(byte[] dst, int offset);

    /** The value as text: UTF-8 for text types, decoded lossily for others. */
    String asString();

    /**
     * The value of a 1, 2 or 4 octet integer type as an unsigned 32-bit number in an {@code int}.
     *
     * @throws IllegalStateException when the value is not one such integer: another type's, or an {@code array}
     *                               attribute's several values (read those with {@link #valueText} or {@link #bytes})
     */
    int asInt();

    /**
     * The value of any integer type widened to {@code long}; 32-bit types are unsigned except {@code signed}.
     *
     * @throws IllegalStateException when the value is not one integer (as {@link #asInt})
     */
    long asLong();

    /**
     * The value of ipaddr, ipv6addr and combo-ip attributes.
     *
     * @throws IllegalStateException when the value is not one address (as {@link #asInt})
     */
    InetAddress asInetAddress();

    /**
     * The value of ipv4prefix and ipv6prefix attributes.
     *
     * @throws IllegalStateException for the other types
     */
    IpPrefix asPrefix();

    /**
     * The value of a date/time attribute.
     *
     * @throws IllegalStateException when the value is not one time (as {@link #asInt})
     */
    Instant asInstant();

    /** For TLV attributes, the children; an empty list for other types. */
    List<Attribute> children();

    /** The value as FreeRADIUS prints it: names for enumerated values, addresses, hex for octets. */
    String valueText();
}
