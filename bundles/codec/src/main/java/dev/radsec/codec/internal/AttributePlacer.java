package dev.radsec.codec.internal;

import dev.radsec.codec.DataType;
import dev.radsec.codec.DictionaryException;
import java.util.HashMap;

/**
 * Creates a new definition and links it under its parent, as the block state (BEGIN-TLV, BEGIN-VENDOR with or
 * without Extended-Vendor-Specific) and the dotted number of its {@code ATTRIBUTE} line say.
 */
final class AttributePlacer {
    private final DictionaryImpl dict;
    private final DictionaryLine line;

    AttributePlacer(DictionaryImpl dict, DictionaryLine line) {
        this.dict = dict;
        this.line = line;
    }

    /**
     * @param tlv       the innermost open BEGIN-TLV, or null
     * @param evsParent the EVS attribute of an open BEGIN-VENDOR format=Extended-Vendor-Specific-N, or null
     * @param v         the vendor of an open BEGIN-VENDOR (or named on the line), or null
     */
    AttributeDef place(String name, long[] oid, DataType type, VendorDef v, AttributeDef tlv, AttributeDef evsParent)
            throws DictionaryException {
        AttributeDef parent;
        int i = 0;
        if (tlv != null) {
            parent = tlv;
        } else if (evsParent != null) {
            int n = (int) line.check(oid[0], 255, "extended vendor type");
            if (oid.length == 1) {
                AttributeDef d = new AttributeDef(name, n, type, v, evsParent, true);
                evsParent.vendorChildren.computeIfAbsent(v.id(), k -> new HashMap<>()).put(n, d);
                return d;
            }
            parent = evsParent.evsChild(v.id(), n);
            i = 1;
        } else if (v != null) {
            long max = v.typeWidth() == 4 ? 0xFFFFFFFFL : (1L << (8 * v.typeWidth())) - 1;
            int n = (int) line.check(oid[0], max, "vendor type for " + v.name());
            if (oid.length == 1) {
                AttributeDef d = new AttributeDef(name, n, type, v, vendorSpecific(), true);
                v.attributes.put(n, d);
                return d;
            }
            parent = v.attribute(n);
            i = 1;
        } else {
            long n = oid[0];
            if (oid.length == 1) {
                if (n < 1 || n > 255) {
                    // FreeRADIUS's internal attributes: named, never on the wire.
                    AttributeDef d = new AttributeDef(name, (int) line.check(n, 0xFFFFFFFFL, "number"), type, null,
                            null, true);
                    d.virtual = true;
                    return d;
                }
                AttributeDef d = new AttributeDef(name, (int) n, type, null, null, true);
                dict.top[(int) n] = d;
                return d;
            }
            parent = dict.top[(int) line.check(n, 255, "attribute number")];
            i = 1;
        }
        // Walk the dotted number through TLV, extended and EVS parents.
        for (; i < oid.length - 1; i++) {
            if (parent == null) {
                break;
            }
            if (parent.type() == DataType.EVS) {
                if (i + 1 >= oid.length) {
                    break;
                }
                int vid = (int) line.check(oid[i], 0xFFFFFFFFL, "vendor number");
                VendorDef ev = dict.vendorDef(vid);
                if (ev == null) {
                    throw line.error("unknown vendor " + vid + " in " + name);
                }
                int n = (int) line.check(oid[i + 1], 255, "extended vendor type");
                if (i + 2 == oid.length) {
                    AttributeDef d = new AttributeDef(name, n, type, ev, parent, true);
                    parent.vendorChildren.computeIfAbsent(vid, k -> new HashMap<>()).put(n, d);
                    return d;
                }
                parent = parent.evsChild(vid, n);
                i++;
            } else {
                parent = parent.children.get((int) line.check(oid[i], 255, "child number"));
            }
        }
        if (parent == null || !(parent.type() == DataType.TLV || parent.type() == DataType.EXTENDED
                || parent.type() == DataType.LONG_EXTENDED)) {
            throw line.error("the parent of " + name + " (" + oidText(oid)
                    + ") is not a defined tlv or extended attribute");
        }
        int n = (int) line.check(oid[oid.length - 1], 255, "child number");
        AttributeDef d = new AttributeDef(name, n, type, parent.type() == DataType.TLV ? parent.vendorOrNull() : null,
                parent, true);
        parent.children.put(n, d);
        return d;
    }

    /** The Vendor-Specific definition vendor attributes go in, created when no file defined it. */
    private AttributeDef vendorSpecific() {
        AttributeDef vsa = dict.vendorSpecific();
        if (vsa == null) {
            vsa = new AttributeDef("Vendor-Specific", 26, DataType.VSA, null, null, true);
            dict.top[26] = vsa;
            dict.register(vsa);
        }
        return vsa;
    }

    private static String oidText(long[] oid) {
        StringBuilder s = new StringBuilder();
        for (long part : oid) {
            s.append(s.length() == 0 ? "" : ".").append(part);
        }
        return s.toString();
    }
}
