package dev.radsec.codec.internal;

import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.DataType;
import dev.radsec.codec.Encryption;
import dev.radsec.codec.Vendor;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A dictionary attribute. Where it sits on the wire follows from its parent: none (a top-level attribute),
 * Vendor-Specific (then {@link #vendor} says whose), an extended or long-extended attribute, an
 * Extended-Vendor-Specific attribute, or a TLV. Written only while a dictionary loads.
 */
public final class AttributeDef implements AttributeDefinition {
    private final String name;
    private final int number;
    private final String oid;
    private final DataType type;
    private final Vendor vendor;
    private final AttributeDefinition parent;
    private final boolean known;
    boolean hasTag;
    Encryption encryption = Encryption.NONE;
    boolean concat;
    boolean array;
    /** Dictionary-only attributes (FreeRADIUS {@code virtual}, numbers beyond a wire field) never appear in packets. */
    boolean virtual;
    /** Values never printed: hidden ({@code encrypt=}) and {@code secret} attributes. */
    boolean secret;
    final Map<String, Long> valuesByName = new LinkedHashMap<>();
    private final Map<String, Long> valuesByLowerName = new HashMap<>();
    private final Map<Long, String> namesByValue = new HashMap<>();
    /** Children of TLV and extended attributes by number. */
    final Map<Integer, AttributeDef> children = new HashMap<>();
    /** Children of an Extended-Vendor-Specific attribute, by vendor then number. */
    final Map<Integer, Map<Integer, AttributeDef>> vendorChildren = new HashMap<>();

    AttributeDef(String name, int number, DataType type, Vendor vendor, AttributeDefinition parent, boolean known) {
        this.name = name;
        this.number = number;
        this.type = type;
        this.vendor = vendor;
        this.parent = parent;
        this.known = known;
        this.oid = oidOf(number, vendor, parent);
    }

    private static String oidOf(int number, Vendor vendor, AttributeDefinition parent) {
        String n = Integer.toUnsignedString(number);
        if (parent == null) {
            return n;
        }
        if (parent.type() == DataType.VSA || parent.type() == DataType.EVS) {
            return parent.oid() + "." + Integer.toUnsignedString(vendor.id()) + "." + n;
        }
        return parent.oid() + "." + n;
    }

    /** A synthesized definition for octets no dictionary names: FreeRADIUS's {@code Attr-<oid>} of type octets. */
    static AttributeDef unknown(int number, Vendor vendor, AttributeDefinition parent) {
        String oid = oidOf(number, vendor, parent);
        return new AttributeDef("Attr-" + oid, number, DataType.STRING, vendor, parent, false);
    }

    void addValue(String valueName, long value) {
        valuesByName.put(valueName, value);
        valuesByLowerName.put(valueName.toLowerCase(Locale.ROOT), value);
        namesByValue.put(value, valueName);
    }

    AttributeDef evsChild(int vendorId, int type) {
        Map<Integer, AttributeDef> m = vendorChildren.get(vendorId);
        return m == null ? null : m.get(type);
    }

    /** The vendor, or null for IETF attributes: what a TLV passes on to its children. */
    Vendor vendorOrNull() {
        return vendor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String oid() {
        return oid;
    }

    @Override
    public DataType type() {
        return type;
    }

    @Override
    public Optional<Vendor> vendor() {
        return Optional.ofNullable(vendor);
    }

    @Override
    public Optional<AttributeDefinition> parent() {
        return Optional.ofNullable(parent);
    }

    @Override
    public boolean hasTag() {
        return hasTag;
    }

    @Override
    public Encryption encryption() {
        return encryption;
    }

    @Override
    public boolean isConcat() {
        return concat;
    }

    @Override
    public boolean isArray() {
        return array;
    }

    @Override
    public boolean isKnown() {
        return known;
    }

    @Override
    public Map<String, Long> values() {
        return Collections.unmodifiableMap(valuesByName);
    }

    @Override
    public Optional<Long> valueOf(String valueName) {
        return Optional.ofNullable(valuesByLowerName.get(valueName.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<String> nameOf(long value) {
        return Optional.ofNullable(namesByValue.get(value));
    }

    @Override
    public boolean isVirtual() {
        return virtual;
    }

    @Override
    public boolean isSecret() {
        return secret;
    }

    @Override
    public Optional<AttributeDefinition> child(int childNumber) {
        return Optional.ofNullable(children.get(childNumber));
    }

    @Override
    public Optional<AttributeDefinition> vendorChild(int vendorId, int childNumber) {
        return Optional.ofNullable(evsChild(vendorId, childNumber));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        // Synthesized definitions are made afresh per packet; they are equal when they name the same place.
        return o instanceof AttributeDef && !known && !((AttributeDef) o).known && ((AttributeDef) o).oid.equals(oid);
    }

    @Override
    public int hashCode() {
        return oid.hashCode();
    }

    @Override
    public String toString() {
        return name + "(" + oid + ", " + type.dictionaryName() + ")";
    }
}
