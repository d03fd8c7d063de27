package dev.radsec.codec.internal;

import dev.radsec.codec.DataType;
import dev.radsec.codec.DictionaryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Parses one file in FreeRADIUS's dictionary format into the loader's dictionary. Block state (BEGIN-VENDOR,
 * BEGIN-TLV) is per file, as in FreeRADIUS: a block left open at the end of its file is an error.
 */
final class DictionaryFileParser {
    private static final int MAX_INCLUDE_DEPTH = 32;

    private final DictionaryLoader loader;
    private final DictionaryImpl dict;
    private final DictionarySource source;
    private final int depth;
    private final DictionaryLine line;
    private final AttributePlacer placer;
    private VendorDef vendor;
    /** For BEGIN-VENDOR ... format=Extended-Vendor-Specific-N: the EVS attribute the block's attributes go in. */
    private AttributeDef evsParent;
    private final Deque<AttributeDef> tlvs = new ArrayDeque<>();

    /** @param depth how deep in {@code $INCLUDE}s this file is; 0 for a file the caller named */
    DictionaryFileParser(DictionaryLoader loader, DictionaryImpl dict, DictionarySource source, int depth) {
        this.loader = loader;
        this.dict = dict;
        this.source = source;
        this.depth = depth;
        this.line = new DictionaryLine(source.name());
        this.placer = new AttributePlacer(dict, line);
    }

    void parse() throws DictionaryException {
        try (BufferedReader in = source.open()) {
            String text;
            while ((text = in.readLine()) != null) {
                line.advance();
                int hash = text.indexOf('#');
                String content = (hash >= 0 ? text.substring(0, hash) : text).trim();
                if (!content.isEmpty()) {
                    directive(content.split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new DictionaryException(source.name(), line.number(), "cannot read: " + e.getMessage(), e);
        }
        if (vendor != null) {
            throw line.error("BEGIN-VENDOR " + vendor.name() + " has no END-VENDOR");
        }
        if (!tlvs.isEmpty()) {
            throw line.error("BEGIN-TLV " + tlvs.peek().name() + " has no END-TLV");
        }
    }

    private void directive(String[] f) throws DictionaryException {
        switch (f[0]) {
            case "ATTRIBUTE": attribute(f); break;
            case "VALUE": value(f); break;
            case "VENDOR": vendor(f); break;
            case "BEGIN-VENDOR": beginVendor(f); break;
            case "END-VENDOR": endVendor(f); break;
            case "BEGIN-TLV": beginTlv(f); break;
            case "END-TLV": endTlv(f); break;
            case "$INCLUDE": include(f, false); break;
            case "$INCLUDE-": include(f, true); break;
            default: throw line.error("unknown keyword '" + f[0] + "'");
        }
    }

    private void include(String[] f, boolean optional) throws DictionaryException {
        line.need(f, 2, "$INCLUDE <file>");
        if (depth >= MAX_INCLUDE_DEPTH) {
            throw line.error("$INCLUDE nested deeper than " + MAX_INCLUDE_DEPTH);
        }
        DictionarySource target;
        try {
            target = source.resolve(f[1]);
        } catch (InvalidPathException e) {
            throw line.error("$INCLUDE " + f[1] + ": not a file name: " + e.getReason());
        }
        if (!target.exists()) {
            if (optional) {
                return;
            }
            throw line.error("$INCLUDE " + f[1] + ": no such file");
        }
        loader.read(target, depth + 1);
    }

    private void vendor(String[] f) throws DictionaryException {
        line.need(f, 3, "VENDOR <name> <number> [format=t,l[,c]]");
        int id = (int) line.number(f[2], 0xFFFFFFFFL, "vendor number");
        int typeWidth = 1;
        int lengthWidth = 1;
        boolean continuation = false;
        if (f.length > 3) {
            if (!f[3].startsWith("format=")) {
                throw line.error("unknown VENDOR option '" + f[3] + "'");
            }
            String[] p = f[3].substring("format=".length()).split(",");
            if (p.length < 2 || p.length > 3) {
                throw line.error("format= needs type and length widths, e.g. format=2,1");
            }
            typeWidth = (int) line.number(p[0], 4, "type width");
            lengthWidth = (int) line.number(p[1], 2, "length width");
            if (typeWidth != 1 && typeWidth != 2 && typeWidth != 4) {
                throw line.error("vendor type width " + typeWidth + " is not 1, 2 or 4");
            }
            if (p.length == 3) {
                if (!p[2].equals("c")) {
                    throw line.error("unknown vendor format flag '" + p[2] + "'");
                }
                if (typeWidth != 1 || lengthWidth != 1) {
                    throw line.error("the continuation flag needs format=1,1,c");
                }
                continuation = true;
            }
        }
        VendorDef existing = dict.vendorsByName.get(f[1].toLowerCase(Locale.ROOT));
        if (existing != null) {
            if (existing.id() != id) {
                throw line.error("vendor " + f[1] + " is already defined with number " + existing.id());
            }
            existing.setFormat(typeWidth, lengthWidth, continuation);
            return;
        }
        VendorDef v = new VendorDef(id, f[1], typeWidth, lengthWidth, continuation);
        dict.vendorsByName.put(f[1].toLowerCase(Locale.ROOT), v);
        dict.vendorsById.put(id, v);
    }

    private void beginVendor(String[] f) throws DictionaryException {
        line.need(f, 2, "BEGIN-VENDOR <name> [format=Extended-Vendor-Specific-N]");
        if (vendor != null) {
            throw line.error("BEGIN-VENDOR inside BEGIN-VENDOR " + vendor.name());
        }
        VendorDef v = knownVendor(f[1]);
        AttributeDef evs = null;
        if (f.length > 2) {
            String prefix = "format=Extended-Vendor-Specific-";
            if (!f[2].startsWith(prefix)) {
                throw line.error("unknown BEGIN-VENDOR option '" + f[2] + "'");
            }
            int n = (int) line.number(f[2].substring(prefix.length()), 6, "Extended-Vendor-Specific number");
            AttributeDef ext = n >= 1 ? dict.top[240 + n] : null;
            evs = ext == null ? null : ext.children.get(26);
            if (evs == null || evs.type() != DataType.EVS) {
                throw line.error(f[2] + " needs attribute " + (240 + n) + ".26 of type evs defined first");
            }
        }
        vendor = v;
        evsParent = evs;
    }

    private void endVendor(String[] f) throws DictionaryException {
        line.need(f, 2, "END-VENDOR <name>");
        if (vendor == null || !vendor.name().equalsIgnoreCase(f[1])) {
            throw line.error("END-VENDOR " + f[1] + " does not close an open BEGIN-VENDOR");
        }
        vendor = null;
        evsParent = null;
    }

    private void beginTlv(String[] f) throws DictionaryException {
        line.need(f, 2, "BEGIN-TLV <attribute>");
        AttributeDef d = dict.byName(f[1]);
        if (d == null || d.type() != DataType.TLV) {
            throw line.error("BEGIN-TLV " + f[1] + ": no such attribute of type tlv");
        }
        tlvs.push(d);
    }

    private void endTlv(String[] f) throws DictionaryException {
        line.need(f, 2, "END-TLV <attribute>");
        if (tlvs.isEmpty() || !tlvs.peek().name().equalsIgnoreCase(f[1])) {
            throw line.error("END-TLV " + f[1] + " does not close an open BEGIN-TLV");
        }
        tlvs.pop();
    }

    private void value(String[] f) throws DictionaryException {
        line.need(f, 4, "VALUE <attribute> <name> <number>");
        long v;
        try {
            v = f[3].startsWith("-") ? Long.parseLong(f[3]) : line.number(f[3], 0xFFFFFFFFFFFFFFFL, "value");
        } catch (NumberFormatException e) {
            throw line.error("value '" + f[3] + "' is not a number");
        }
        // FreeRADIUS allows VALUE before its ATTRIBUTE; resolve at the end.
        loader.pendingValue(new DictionaryLoader.PendingValue(line.file(), line.number(), f[1], f[2], v));
    }

    private void attribute(String[] f) throws DictionaryException {
        line.need(f, 4, "ATTRIBUTE <name> <number> <type> [flags]");
        String name = f[1];
        String typeName = f[3];
        int bracket = typeName.indexOf('[');
        if (bracket > 0 && typeName.endsWith("]")) {
            line.number(typeName.substring(bracket + 1, typeName.length() - 1), 253, "fixed length");
            typeName = typeName.substring(0, bracket);
        }
        DataType type = DataType.fromDictionaryName(typeName);
        if (type == null) {
            throw line.error("unknown data type '" + f[3] + "' for " + name);
        }
        VendorDef v = vendor;
        AttributeFlags flags = AttributeFlags.NONE;
        if (f.length > 4) {
            VendorDef oldStyle = dict.vendorsByName.get(f[4].toLowerCase(Locale.ROOT));
            if (oldStyle != null && !f[4].contains("=")) {
                v = oldStyle; // FreeRADIUS 1.x syntax: the vendor name in place of the flags
            } else {
                flags = AttributeFlags.parse(f[4], name, line);
            }
        }
        if (f.length > 5) {
            throw line.error("unexpected '" + f[5] + "' after the flags of " + name);
        }
        long[] oid = line.oid(f[2]);
        flags.check(name, type, typeName, v == null && tlvs.peek() == null && evsParent == null && oid.length == 1,
                line);
        AttributeDef def = placer.place(name, oid, type, v, tlvs.peek(), evsParent);
        flags.applyTo(def);
        AttributeDef existing = dict.byName(name);
        if (existing != null && !existing.oid().equals(def.oid())) {
            if (!loader.mayRedefine(existing)) {
                throw line.error("attribute " + name + " is already defined as " + existing.oid());
            }
            dict.unname(existing);
        }
        dict.register(def);
    }

    private VendorDef knownVendor(String name) throws DictionaryException {
        VendorDef v = dict.vendorsByName.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            throw line.error("unknown vendor '" + name + "'");
        }
        return v;
    }
}
