package dev.radsec.codec;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A vendor from a dictionary's {@code VENDOR} line, with the widths of its Vendor-Specific sub-attribute header
 * ({@code format=t,l}): type 1, 2 or 4 octets, length 0, 1 or 2 octets. Most vendors use 1,1; USR uses 4,0 and
 * Lucent 2,1. WiMAX's {@code format=1,1,c} adds a continuation octet.
 */
@ProviderType
public interface Vendor {
    /** The SMI Private Enterprise Number. */
    int id();

    String name();

    /** Octets of the sub-attribute type field: 1, 2 or 4. */
    int typeWidth();

    /** Octets of the sub-attribute length field: 0, 1 or 2. */
    int lengthWidth();

    /** True for WiMAX-style sub-attributes with a continuation octet after the length. */
    boolean hasContinuation();
}
