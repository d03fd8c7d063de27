package dev.radsec.codec;

import java.util.Locale;

/**
 * Attribute data types: every type of RFC 8044, plus the FreeRADIUS types its dictionaries use. Each constant
 * knows the wire length it accepts and the name FreeRADIUS dictionaries write it with.
 */
public enum DataType {
    /** RFC 8044 text: UTF-8, 1..253 octets. FreeRADIUS calls it {@code string}. */
    TEXT("string", 1, 253),
    /** RFC 8044 string: opaque octets. FreeRADIUS calls it {@code octets}. */
    STRING("octets", 1, 253),
    /** 32-bit unsigned. */
    INTEGER("integer", 4, 4),
    /** RFC 8044 enum: a 32-bit value named by VALUE lines. FreeRADIUS writes these as {@code integer}. */
    ENUM("enum", 4, 4),
    /** Seconds since 1970-01-01 UTC, 32-bit unsigned. FreeRADIUS calls it {@code date}. */
    TIME("date", 4, 4),
    IPV4ADDR("ipaddr", 4, 4),
    IPV6ADDR("ipv6addr", 16, 16),
    /** Reserved octet, prefix length 0..128, then the significant prefix octets (RFC 3162). */
    IPV6PREFIX("ipv6prefix", 2, 18),
    /** IPv6 interface identifier, 8 octets. */
    IFID("ifid", 8, 8),
    INTEGER64("integer64", 8, 8),
    /** RFC 6572: reserved octet, prefix length 0..32, four address octets. */
    IPV4PREFIX("ipv4prefix", 6, 6),
    /** IPv4 or IPv6 address, told apart by length. */
    COMBO_IP("combo-ip", 4, 16),
    BYTE("byte", 1, 1),
    SHORT("short", 2, 2),
    /** 32-bit two's complement. */
    SIGNED("signed", 4, 4),
    /** 48-bit MAC address. */
    ETHER("ether", 6, 6),
    /** Ascend binary filter; handled as opaque octets. */
    ABINARY("abinary", 1, 253),
    /** A container of sub-attributes (RFC 6929 section 2.3). */
    TLV("tlv", 0, 253),
    /** Vendor-Specific (26). */
    VSA("vsa", 5, 253),
    /** RFC 6929 Extended-Type (241-244). */
    EXTENDED("extended", 1, 253),
    /** RFC 6929 Long-Extended-Type (245-246). */
    LONG_EXTENDED("long-extended", 2, 253),
    /** RFC 6929 Extended-Vendor-Specific (241.26 .. 246.26). */
    EVS("evs", 5, 253);

    private final String dictionaryName;
    private final int minLength;
    private final int maxLength;

    DataType(String dictionaryName, int minLength, int maxLength) {
        this.dictionaryName = dictionaryName;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The name used in FreeRADIUS dictionaries. */
    public String dictionaryName() {
        return dictionaryName;
    }

    /** Smallest valid value length in octets. */
    public int minLength() {
        return minLength;
    }

    /** Largest valid value length in one attribute, before any fragmentation. */
    public int maxLength() {
        return maxLength;
    }

    /** True for types whose value holds other attributes. */
    public boolean isContainer() {
        return this == TLV || this == VSA || this == EXTENDED || this == LONG_EXTENDED || this == EVS;
    }

    /** True when {@code length} is a valid value length for this type. */
    public boolean acceptsLength(int length) {
        if (this == COMBO_IP) {
            return length == 4 || length == 16;
        }
        return length >= minLength && length <= maxLength;
    }

    /**
     * The type a dictionary names, accepting FreeRADIUS names, RFC 8044 names where they do not clash with
     * FreeRADIUS's (in a FreeRADIUS dictionary {@code string} is text), and FreeRADIUS's aliases.
     *
     * @return the type, or {@code null} when the name is unknown
     */
    public static DataType fromDictionaryName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "string": case "text": return TEXT;
            case "octets": return STRING;
            case "integer": case "uint32": return INTEGER;
            case "enum": return ENUM;
            case "date": case "time": return TIME;
            case "ipaddr": case "ipv4addr": return IPV4ADDR;
            case "ipv6addr": return IPV6ADDR;
            case "ipv6prefix": return IPV6PREFIX;
            case "ifid": return IFID;
            case "integer64": case "uint64": return INTEGER64;
            case "ipv4prefix": return IPV4PREFIX;
            case "combo-ip": return COMBO_IP;
            case "byte": case "uint8": return BYTE;
            case "short": case "uint16": return SHORT;
            case "signed": case "int32": return SIGNED;
            case "ether": return ETHER;
            case "abinary": return ABINARY;
            case "tlv": return TLV;
            case "vsa": return VSA;
            case "extended": return EXTENDED;
            case "long-extended": return LONG_EXTENDED;
            case "evs": return EVS;
            default: return null;
        }
    }
}
