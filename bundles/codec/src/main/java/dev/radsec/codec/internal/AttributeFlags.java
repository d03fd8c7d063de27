package dev.radsec.codec.internal;

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
