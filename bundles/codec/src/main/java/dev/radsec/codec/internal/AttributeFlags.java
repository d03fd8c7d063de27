package dev.radsec.codec.internal;

import dev.radsec.codec.DataType;
import dev.radsec.codec.DictionaryException;
import dev.radsec.codec.Encryption;

/** The flags field of an {@code ATTRIBUTE} line: {@code has_tag,concat,array,virtual,secret,encrypt=N}. */
final class AttributeFlags {
    static final AttributeFlags NONE = new AttributeFlags();

    private boolean hasTag;
    private boolean concat;
    private boolean array;
    private boolean virtual;
    private boolean secret;
    private Encryption encryption = Encryption.NONE;

    private AttributeFlags() {
    }

    /** Parses {@code text}, the flags of attribute {@code name}. */
    static AttributeFlags parse(String text, String name, DictionaryLine line) throws DictionaryException {
        AttributeFlags f = new AttributeFlags();
        for (String flag : text.split(",")) {
            if (flag.equals("has_tag")) {
                f.hasTag = true;
            } else if (flag.equals("concat")) {
                f.concat = true;
            } else if (flag.equals("array")) {
                f.array = true;
            } else if (flag.equals("virtual")) {
                f.virtual = true;
            } else if (flag.equals("secret")) {
                f.secret = true;
            } else if (flag.startsWith("encrypt=")) {
                f.encryption = Encryption.ofFlag((int) line.number(flag.substring(8), 3, "encrypt="));
            } else {
                throw line.error("unknown flag '" + flag + "' for " + name);
            }
        }
        return f;
    }

    /**
     * Refuses what FreeRADIUS refuses: {@code concat} is for a top-level {@code octets} ({@link DataType#STRING})
     * attribute (EAP-Message), alone; its fragments are joined into one value of any length, which only octets can
     * hold.
     *
     * @param topLevel not a VSA, TLV or extended attribute
     */
    void check(String name, DataType type, String typeName, boolean topLevel, DictionaryLine line)
            throws DictionaryException {
        if (!concat) {
            return;
        }
        if (type != DataType.STRING) {
            throw line.error("concat is for attributes of type octets, not " + typeName + " (" + name + ")");
        }
        if (!topLevel) {
            throw line.error("concat is for top-level attributes, not VSAs, TLVs or extended ones (" + name + ")");
        }
        if (hasTag || array || encryption != Encryption.NONE) {
            throw line.error("concat does not go with has_tag, array or encrypt (" + name + ")");
        }
    }

    /** Sets the flags on a new definition; hidden attributes are secret too. */
    void applyTo(AttributeDef def) {
        def.hasTag = hasTag;
        def.concat = concat;
        def.array = array;
        // Numbers beyond the wire's field made it virtual already (AttributePlacer).
        def.virtual |= virtual;
        def.encryption = encryption;
        def.secret = secret || encryption != Encryption.NONE;
    }
}
