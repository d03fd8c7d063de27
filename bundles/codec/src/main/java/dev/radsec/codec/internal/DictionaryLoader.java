package dev.radsec.codec.internal;

import dev.radsec.codec.DataType;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.DictionaryException;
import dev.radsec.codec.Encryption;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads FreeRADIUS-format dictionary files into a {@link DictionaryImpl}. Block state (BEGIN-VENDOR, BEGIN-TLV)
 * is per file, as in FreeRADIUS: a block left open at the end of its file is an error.
 */
public final class DictionaryLoader {
    private static final String STANDARD_ROOT = "dev/radsec/codec/dictionary/dictionary";
    private static final int MAX_INCLUDE_DEPTH = 32;

    private final DictionaryImpl dict = new DictionaryImpl();
    private final List<PendingValue> pendingValues = new ArrayList<>();
    private final Set<String> loading = new HashSet<>();
    /** The bundled definitions an operator's files may redefine under another number: their files win. */
    private final Set<AttributeDef> overridable = new HashSet<>();

    private static final class Holder {
        static final DictionaryImpl STANDARD = loadStandard();
    }

    private DictionaryLoader() {
    }

    public static Dictionary standard() {
        return Holder.STANDARD;
    }

    private static DictionaryImpl loadStandard() {
        DictionaryLoader loader = new DictionaryLoader();
        try {
            loader.read(Source.resource(STANDARD_ROOT), 0);
            return loader.finish();
        } catch (DictionaryException e) {
            throw new IllegalStateException("the bundled standard dictionary is broken: " + e.getMessage(), e);
        }
    }

    /**
     * @param base when not null, the standard dictionary: its files are read first, then {@code files}, whose
     *             definitions replace a standard one of the same name (e.g. FreeRADIUS's pre-RFC Digest-* numbers)
     */
    public static Dictionary load(Dictionary base, Path... files) throws DictionaryException {
        DictionaryLoader loader = new DictionaryLoader();
        if (base != null) {
            loader.read(Source.resource(STANDARD_ROOT), 0);
            loader.overridable.addAll(loader.dict.all);
        }
        for (Path f : files) {
            loader.read(Source.file(f), 0);
        }
        return loader.finish();
    }

    private DictionaryImpl finish() throws DictionaryException {
        for (PendingValue v : pendingValues) {
            AttributeDef def = dict.byName(v.attribute);
            if (def == null) {
                throw new DictionaryException(v.file, v.line, "VALUE for unknown attribute '" + v.attribute + "'");
            }
            def.addValue(v.name, v.value);
        }
        return dict;
    }

    /** Parse state of one file. */
    private final class FileParser {
        final Source source;
        final int depth;
        int lineNo;
        VendorDef vendor;
        /** For BEGIN-VENDOR ... format=Extended-Vendor-Specific-N: the EVS attribute the block's attributes go in. */
        AttributeDef evsParent;
        final Deque<AttributeDef> tlvs = new ArrayDeque<>();

        FileParser(Source source, int depth) {
            this.source = source;
            this.depth = depth;
        }

        DictionaryException error(String reason) {
            return new DictionaryException(source.name(), lineNo, reason);
        }

        void parse() throws DictionaryException {
            try (BufferedReader in = source.open()) {
                String line;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    int hash = line.indexOf('#');
                    String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
                    if (!content.isEmpty()) {
                        directive(content.split("\\s+"));
                    }
                }
            } catch (IOException e) {
                throw new DictionaryException(source.name(), lineNo, "cannot read: " + e.getMessage(), e);
            }
            if (vendor != null) {
                throw error("BEGIN-VENDOR " + vendor.name() + " has no END-VENDOR");
            }
            if (!tlvs.isEmpty()) {
                throw error("BEGIN-TLV " + tlvs.peek().name() + " has no END-TLV");
            }
        }

        void directive(String[] f) throws DictionaryException {
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
                default: throw error("unknown keyword '" + f[0] + "'");
            }
        }

        void include(String[] f, boolean optional) throws DictionaryException {
            need(f, 2, "$INCLUDE <file>");
            if (depth >= MAX_INCLUDE_DEPTH) {
                throw error("$INCLUDE nested deeper than " + MAX_INCLUDE_DEPTH);
            }
            Source target = source.resolve(f[1]);
            if (!target.exists()) {
                if (optional) {
                    return;
                }
                throw error("$INCLUDE " + f[1] + ": no such file");
            }
            read(target, depth + 1);
        }

        void vendor(String[] f) throws DictionaryException {
            need(f, 3, "VENDOR <name> <number> [format=t,l[,c]]");
            int id = (int) number(f[2], 0xFFFFFFFFL, "vendor number");
            int typeWidth = 1;
            int lengthWidth = 1;
            boolean continuation = false;
            if (f.length > 3) {
                if (!f[3].startsWith("format=")) {
                    throw error("unknown VENDOR option '" + f[3] + "'");
                }
                String[] p = f[3].substring("format=".length()).split(",");
                if (p.length < 2 || p.length > 3) {
                    throw error("format= needs type and length widths, e.g. format=2,1");
                }
                typeWidth = (int) number(p[0], 4, "type width");
                lengthWidth = (int) number(p[1], 2, "length width");
                if (typeWidth != 1 && typeWidth != 2 && typeWidth != 4) {
                    throw error("vendor type width " + typeWidth + " is not 1, 2 or 4");
                }
                if (p.length == 3) {
                    if (!p[2].equals("c")) {
                        throw error("unknown vendor format flag '" + p[2] + "'");
                    }
                    if (typeWidth != 1 || lengthWidth != 1) {
                        throw error("the continuation flag needs format=1,1,c");
                    }
                    continuation = true;
                }
            }
            VendorDef existing = dict.vendorsByName.get(f[1].toLowerCase(Locale.ROOT));
            if (existing != null) {
                if (existing.id() != id) {
                    throw error("vendor " + f[1] + " is already defined with number " + existing.id());
                }
                existing.setFormat(typeWidth, lengthWidth, continuation);
                return;
            }
            VendorDef v = new VendorDef(id, f[1], typeWidth, lengthWidth, continuation);
            dict.vendorsByName.put(f[1].toLowerCase(Locale.ROOT), v);
            dict.vendorsById.put(id, v);
        }

        void beginVendor(String[] f) throws DictionaryException {
            need(f, 2, "BEGIN-VENDOR <name> [format=Extended-Vendor-Specific-N]");
            if (vendor != null) {
                throw error("BEGIN-VENDOR inside BEGIN-VENDOR " + vendor.name());
            }
            VendorDef v = knownVendor(f[1]);
            AttributeDef evs = null;
            if (f.length > 2) {
                String prefix = "format=Extended-Vendor-Specific-";
                if (!f[2].startsWith(prefix)) {
                    throw error("unknown BEGIN-VENDOR option '" + f[2] + "'");
                }
                int n = (int) number(f[2].substring(prefix.length()), 6, "Extended-Vendor-Specific number");
                AttributeDef ext = n >= 1 ? dict.top[240 + n] : null;
                evs = ext == null ? null : ext.children.get(26);
                if (evs == null || evs.type() != DataType.EVS) {
                    throw error(f[2] + " needs attribute " + (240 + n) + ".26 of type evs defined first");
                }
            }
            vendor = v;
            evsParent = evs;
        }

        void endVendor(String[] f) throws DictionaryException {
            need(f, 2, "END-VENDOR <name>");
            if (vendor == null || !vendor.name().equalsIgnoreCase(f[1])) {
                throw error("END-VENDOR " + f[1] + " does not close an open BEGIN-VENDOR");
            }
            vendor = null;
            evsParent = null;
        }

        void beginTlv(String[] f) throws DictionaryException {
            need(f, 2, "BEGIN-TLV <attribute>");
            AttributeDef d = dict.byName(f[1]);
            if (d == null || d.type() != DataType.TLV) {
                throw error("BEGIN-TLV " + f[1] + ": no such attribute of type tlv");
            }
            tlvs.push(d);
        }

        void endTlv(String[] f) throws DictionaryException {
            need(f, 2, "END-TLV <attribute>");
            if (tlvs.isEmpty() || !tlvs.peek().name().equalsIgnoreCase(f[1])) {
                throw error("END-TLV " + f[1] + " does not close an open BEGIN-TLV");
            }
            tlvs.pop();
        }

        void value(String[] f) throws DictionaryException {
            need(f, 4, "VALUE <attribute> <name> <number>");
            long v;
            try {
                v = f[3].startsWith("-") ? Long.parseLong(f[3]) : number(f[3], 0xFFFFFFFFFFFFFFFL, "value");
            } catch (NumberFormatException e) {
                throw error("value '" + f[3] + "' is not a number");
            }
            // FreeRADIUS allows VALUE before its ATTRIBUTE; resolve at the end.
            pendingValues.add(new PendingValue(source.name(), lineNo, f[1], f[2], v));
        }

        void attribute(String[] f) throws DictionaryException {
            need(f, 4, "ATTRIBUTE <name> <number> <type> [flags]");
            String name = f[1];
            String typeName = f[3];
            int bracket = typeName.indexOf('[');
            if (bracket > 0 && typeName.endsWith("]")) {
                number(typeName.substring(bracket + 1, typeName.length() - 1), 253, "fixed length");
                typeName = typeName.substring(0, bracket);
            }
            DataType type = DataType.fromDictionaryName(typeName);
            if (type == null) {
                throw error("unknown data type '" + f[3] + "' for " + name);
            }
            VendorDef v = vendor;
            boolean hasTag = false;
            boolean concat = false;
            boolean array = false;
            boolean virtual = false;
            boolean secret = false;
            Encryption encryption = Encryption.NONE;
            if (f.length > 4) {
                VendorDef oldStyle = dict.vendorsByName.get(f[4].toLowerCase(Locale.ROOT));
                if (oldStyle != null && !f[4].contains("=")) {
                    v = oldStyle; // FreeRADIUS 1.x syntax: the vendor name in place of the flags
                } else {
                    for (String flag : f[4].split(",")) {
                        if (flag.equals("has_tag")) {
                            hasTag = true;
                        } else if (flag.equals("concat")) {
                            concat = true;
                        } else if (flag.equals("array")) {
                            array = true;
                        } else if (flag.equals("virtual")) {
                            virtual = true;
                        } else if (flag.equals("secret")) {
                            secret = true;
                        } else if (flag.startsWith("encrypt=")) {
                            encryption = Encryption.ofFlag((int) number(flag.substring(8), 3, "encrypt="));
                        } else {
                            throw error("unknown flag '" + flag + "' for " + name);
                        }
                    }
                }
            }
            if (f.length > 5) {
                throw error("unexpected '" + f[5] + "' after the flags of " + name);
            }
            long[] oid = oid(f[2]);
            AttributeDef def = place(name, oid, type, v);
            def.hasTag = hasTag;
            def.concat = concat;
            def.array = array;
            def.virtual = virtual;
            def.encryption = encryption;
            def.secret = secret || encryption != Encryption.NONE;
            AttributeDef existing = dict.byName(name);
            if (existing != null && !existing.oid().equals(def.oid())) {
                if (!overridable.remove(existing)) {
                    throw error("attribute " + name + " is already defined as " + existing.oid());
                }
                dict.unname(existing);
            }
            dict.register(def);
        }

        /** Creates the definition and links it under its parent, as the block state and dotted number say. */
        AttributeDef place(String name, long[] oid, DataType type, VendorDef v) throws DictionaryException {
            AttributeDef parent;
            int i = 0;
            if (!tlvs.isEmpty()) {
                parent = tlvs.peek();
            } else if (evsParent != null) {
                int n = (int) check(oid[0], 255, "extended vendor type");
                if (oid.length == 1) {
                    AttributeDef d = new AttributeDef(name, n, type, v, evsParent, true);
                    evsParent.vendorChildren.computeIfAbsent(v.id(), k -> new java.util.HashMap<>()).put(n, d);
                    return d;
                }
                parent = evsParent.evsChild(v.id(), n);
                i = 1;
            } else if (v != null) {
                long max = v.typeWidth() == 4 ? 0xFFFFFFFFL : (1L << (8 * v.typeWidth())) - 1;
                int n = (int) check(oid[0], max, "vendor type for " + v.name());
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
                        AttributeDef d = new AttributeDef(name, (int) check(n, 0xFFFFFFFFL, "number"), type, null, null, true);
                        d.virtual = true;
                        return d;
                    }
                    AttributeDef d = new AttributeDef(name, (int) n, type, null, null, true);
                    dict.top[(int) n] = d;
                    return d;
                }
                parent = dict.top[(int) check(n, 255, "attribute number")];
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
                    int vid = (int) check(oid[i], 0xFFFFFFFFL, "vendor number");
                    VendorDef ev = dict.vendorDef(vid);
                    if (ev == null) {
                        throw error("unknown vendor " + vid + " in " + name);
                    }
                    int n = (int) check(oid[i + 1], 255, "extended vendor type");
                    if (i + 2 == oid.length) {
                        AttributeDef d = new AttributeDef(name, n, type, ev, parent, true);
                        parent.vendorChildren.computeIfAbsent(vid, k -> new java.util.HashMap<>()).put(n, d);
                        return d;
                    }
                    parent = parent.evsChild(vid, n);
                    i++;
                } else {
                    parent = parent.children.get((int) check(oid[i], 255, "child number"));
                }
            }
            if (parent == null || !(parent.type() == DataType.TLV || parent.type() == DataType.EXTENDED
                    || parent.type() == DataType.LONG_EXTENDED)) {
                throw error("the parent of " + name + " (" + String.join(".", oidText(oid)) + ") is not a defined tlv or extended attribute");
            }
            int n = (int) check(oid[oid.length - 1], 255, "child number");
            AttributeDef d = new AttributeDef(name, n, type, parent.type() == DataType.TLV ? parent.vendorDef() : null,
                    parent, true);
            parent.children.put(n, d);
            return d;
        }

        AttributeDef vendorSpecific() {
            AttributeDef vsa = dict.vendorSpecific();
            if (vsa == null) {
                vsa = new AttributeDef("Vendor-Specific", 26, DataType.VSA, null, null, true);
                dict.top[26] = vsa;
                dict.register(vsa);
            }
            return vsa;
        }

        VendorDef knownVendor(String name) throws DictionaryException {
            VendorDef v = dict.vendorsByName.get(name.toLowerCase(Locale.ROOT));
            if (v == null) {
                throw error("unknown vendor '" + name + "'");
            }
            return v;
        }

        long[] oid(String text) throws DictionaryException {
            String[] parts = text.split("\\.");
            long[] out = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = number(parts[i], 0xFFFFFFFFL, "attribute number");
            }
            return out;
        }

        long number(String text, long max, String what) throws DictionaryException {
            long n;
            try {
                n = text.startsWith("0x") || text.startsWith("0X") ? Long.parseLong(text.substring(2), 16)
                        : Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error(what + " '" + text + "' is not a number");
            }
            return check(n, max, what);
        }

        long check(long n, long max, String what) throws DictionaryException {
            if (n < 0 || n > max) {
                throw error(what + " " + n + " is outside 0.." + max);
            }
            return n;
        }

        void need(String[] f, int n, String usage) throws DictionaryException {
            if (f.length < n) {
                throw error("expected: " + usage);
            }
        }
    }

    private static String[] oidText(long[] oid) {
        String[] s = new String[oid.length];
        for (int i = 0; i < oid.length; i++) {
            s[i] = Long.toString(oid[i]);
        }
        return s;
    }

    private void read(Source source, int depth) throws DictionaryException {
        String key = source.key();
        if (!loading.add(key)) {
            throw new DictionaryException(source.name(), 0, "$INCLUDE loop");
        }
        if (source.path() != null && !dict.files.contains(source.path())) {
            dict.files.add(source.path());
        }
        try {
            new FileParser(source, depth).parse();
        } finally {
            loading.remove(key);
        }
    }

    private static final class PendingValue {
        final String file;
        final int line;
        final String attribute;
        final String name;
        final long value;

        PendingValue(String file, int line, String attribute, String name, long value) {
            this.file = file;
            this.line = line;
            this.attribute = attribute;
            this.name = name;
            this.value = value;
        }
    }

    /** A dictionary file on disk or a bundled resource; includes resolve relative to it. */
    private abstract static class Source {
        abstract String name();

        abstract String key();

        abstract boolean exists();

        abstract BufferedReader open() throws IOException;

        abstract Source resolve(String relative);

        /** The file read, for {@link Dictionary#files()}; null for the bundled resources. */
        Path path() {
            return null;
        }

        static Source file(Path path) {
            return new Source() {
                @Override
                String name() {
                    return path.toString();
                }

                @Override
                String key() {
                    return path.toAbsolutePath().normalize().toString();
                }

                @Override
                Path path() {
                    return path.toAbsolutePath().normalize();
                }

                @Override
                boolean exists() {
                    return Files.isRegularFile(path);
                }

                @Override
                BufferedReader open() throws IOException {
                    return Files.newBufferedReader(path, StandardCharsets.UTF_8);
                }

                @Override
                Source resolve(String relative) {
                    Path p = Path.of(relative);
                    return file(p.isAbsolute() ? p : path.resolveSibling(relative));
                }
            };
        }

        static Source resource(String resourcePath) {
            return new Source() {
                @Override
                String name() {
                    return "classpath:" + resourcePath;
                }

                @Override
                String key() {
                    return name();
                }

                @Override
                boolean exists() {
                    return DictionaryLoader.class.getClassLoader().getResource(resourcePath) != null;
                }

                @Override
                BufferedReader open() throws IOException {
                    InputStream in = DictionaryLoader.class.getClassLoader().getResourceAsStream(resourcePath);
                    if (in == null) {
                        throw new IOException("no such resource");
                    }
                    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                }

                @Override
                Source resolve(String relative) {
                    int slash = resourcePath.lastIndexOf('/');
                    return resource(resourcePath.substring(0, slash + 1) + relative);
                }
            };
        }
    }
}
