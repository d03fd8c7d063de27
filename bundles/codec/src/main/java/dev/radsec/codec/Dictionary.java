package dev.radsec.codec;

import dev.radsec.codec.internal.DictionaryLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Attribute and vendor definitions read from files in the FreeRADIUS dictionary format: {@code ATTRIBUTE},
 * {@code VALUE}, {@code VENDOR} (with {@code format=t,l[,c]}), {@code BEGIN-VENDOR}/{@code END-VENDOR} (with
 * {@code format=Extended-Vendor-Specific-N}), {@code BEGIN-TLV}/{@code END-TLV}, {@code $INCLUDE} and
 * {@code $INCLUDE-} (optional), and the flags {@code has_tag}, {@code encrypt=1|2|3}, {@code concat},
 * {@code array}, {@code virtual} and {@code secret}. A line the format does not know is an error naming the
 * file and line.
 *
 * <p>Immutable and thread-safe. Names are matched case-insensitively. When two definitions share a number, the
 * later one names the attribute when it is decoded (FreeRADIUS's rule, which lets {@code dictionary.compat}
 * keep old names as aliases).
 */
@ProviderType
public interface Dictionary {

    /** The IETF attributes of the RFCs, shipped with this bundle. Loaded once. */
    static Dictionary standard() {
        return DictionaryLoader.standard();
    }

    /**
     * Reads a dictionary file and everything it includes, with nothing else: pass FreeRADIUS's own
     * {@code /usr/share/freeradius/dictionary} to get its whole tree.
     */
    static Dictionary load(Path file) throws DictionaryException {
        return DictionaryLoader.load(null, file);
    }

    /**
     * The standard dictionary extended with vendor or site files, read in order. A definition in them replaces a
     * standard one of the same name (FreeRADIUS's tree names Digest-* by their pre-RFC numbers); within them, a
     * name defined twice with different numbers is an error, as in FreeRADIUS.
     */
    static Dictionary standardWith(Path... files) throws DictionaryException {
        return DictionaryLoader.load(standard(), files);
    }

    /** An attribute by name, e.g. {@code User-Name} or {@code Cisco-AVPair}. */
    Optional<AttributeDefinition> attribute(String name);

    /**
     * The definition of top-level attribute type 1..255; a synthesized {@code Attr-N} of type octets when no
     * dictionary names it.
     */
    AttributeDefinition attribute(int type);

    /** A vendor-specific attribute by vendor number and vendor type. */
    Optional<AttributeDefinition> vendorAttribute(int vendorId, int type);

    Optional<Vendor> vendor(String name);

    Optional<Vendor> vendor(int id);

    /** Every named attribute, for completion and listings. */
    Collection<AttributeDefinition> attributes();

    Collection<Vendor> vendors();

    /**
     * The files this dictionary was read from, absolute, in the order read ({@code $INCLUDE}s included); empty for
     * {@link #standard()}. What to watch to reload it when an operator edits one.
     */
    java.util.List<Path> files();
}
