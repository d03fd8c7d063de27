package dev.radsec.codec;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a dictionary says about one attribute: its name, where it lives on the wire, its data type and flags,
 * and the names of its values. Attributes a packet carries but no dictionary names get a synthesized
 * definition ({@link #isKnown()} false) named the way FreeRADIUS names them, e.g. {@code Attr-26.32473.7},
 * with type {@link DataType#STRING}.
 */
@ProviderType
public interface AttributeDefinition {
    String name();

    /**
     * The attribute's number within its parent: 1..255 for an IETF attribute, the vendor's type for a
     * vendor-specific one, the Extended-Type for an extended one.
     */
    int number();

    /**
     * The dotted numeric identifier FreeRADIUS uses: {@code 1}, {@code 241.1}, {@code 26.9.1} (vendor 9, type 1),
     * {@code 241.26.32473.1} (extended vendor-specific), {@code 26.24757.1.2} (a TLV child).
     */
    String oid();

    DataType type();

    /** The vendor for vendor-specific and extended-vendor-specific attributes; empty for IETF attributes. */
    Optional<Vendor> vendor();

    /** The enclosing definition: Vendor-Specific, Extended-Attribute-N, an EVS or a TLV; empty at top level. */
    Optional<AttributeDefinition> parent();

    /** RFC 2868 tag support ({@code has_tag}). */
    boolean hasTag();

    Encryption encryption();

    /** True when the value may exceed one attribute and is split into consecutive ones ({@code concat}). */
    boolean isConcat();

    /** True when the value is a packed array of fixed-size elements ({@code array}). */
    boolean isArray();

    /**
     * True for a dictionary-only attribute: flagged {@code virtual}, or numbered beyond the wire's 1..255 (FreeRADIUS's
     * internal attributes such as {@code Auth-Type}). It is never in a packet; encoding a packet that holds one
     * throws {@link IllegalArgumentException}.
     */
    boolean isVirtual();

    /**
     * True when values are never printed: {@code secret} attributes and every hidden one ({@code encrypt=}).
     * {@link Attribute#valueText()} and {@link Attribute#toString()} show {@code <hidden>} for them.
     */
    boolean isSecret();

    /** False for a definition synthesized for an attribute no dictionary names. */
    boolean isKnown();

    /** Named values from {@code VALUE} lines, in definition order; empty for most types. */
    Map<String, Long> values();

    /** The number for a value name, case-insensitively. */
    Optional<Long> valueOf(String valueName);

    /** The name of a numeric value, if a {@code VALUE} line gives one. */
    Optional<String> nameOf(long value);

    /** A child of a TLV or extended attribute by number. */
    Optional<AttributeDefinition> child(int number);

    /**
     * A child of an Extended-Vendor-Specific attribute (type {@code evs}) by vendor and the vendor's number, e.g.
     * {@code 241.26.32473.1} is child {@code (32473, 1)} of {@code 241.26}; empty for other types.
     */
    Optional<AttributeDefinition> vendorChild(int vendorId, int number);
}
