package dev.radsec.codec.internal;

import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.DataType;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Vendor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The loaded form of a dictionary. Filled by {@link DictionaryLoader}, then never changed. */
public final class DictionaryImpl implements Dictionary {
    final AttributeDef[] top = new AttributeDef[256];
    final Map<String, AttributeDef> byName = new HashMap<>();
    /** Names as written, so the usual exact-case lookup needs no lower-casing. */
    final Map<String, AttributeDef> byExactName = new HashMap<>();
    final List<AttributeDef> all = new ArrayList<>();
    final Map<Integer, VendorDef> vendorsById = new LinkedHashMap<>();
    final Map<String, VendorDef> vendorsByName = new HashMap<>();
    /** The files read, in order, for watching them. */
    final List<java.nio.file.Path> files = new ArrayList<>();

    @Override
    public List<java.nio.file.Path> files() {
        return java.util.Collections.unmodifiableList(files);
    }

    /** The definition named, or {@code null}. */
    public AttributeDef byName(String name) {
        AttributeDef d = byExactName.get(name);
        return d != null ? d : byName.get(name.toLowerCase(Locale.ROOT));
    }

    void register(AttributeDef def) {
        byExactName.put(def.name(), def);
        byName.put(def.name().toLowerCase(Locale.ROOT), def);
        all.add(def);
    }

    /** Forgets the name of a definition another one takes over; its number still decodes to it. */
    void unname(AttributeDef def) {
        byExactName.remove(def.name(), def);
        byName.remove(def.name().toLowerCase(Locale.ROOT), def);
        all.remove(def);
    }

    AttributeDef top(int type) {
        AttributeDef d = top[type];
        return d != null ? d : AttributeDef.unknown(type, null, null);
    }

    VendorDef vendorDef(int id) {
        return vendorsById.get(id);
    }

    @Override
    public Optional<AttributeDefinition> attribute(String name) {
        return Optional.ofNullable(byName(name));
    }

    @Override
    public AttributeDefinition attribute(int type) {
        if (type < 1 || type > 255) {
            throw new IllegalArgumentException("attribute type " + type + " is outside 1..255");
        }
        return top(type);
    }

    @Override
    public Optional<AttributeDefinition> vendorAttribute(int vendorId, int type) {
        VendorDef v = vendorsById.get(vendorId);
        return Optional.ofNullable(v == null ? null : v.attribute(type));
    }

    @Override
    public Optional<Vendor> vendor(String name) {
        return Optional.ofNullable(vendorsByName.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<Vendor> vendor(int id) {
        return Optional.ofNullable(vendorsById.get(id));
    }

    @Override
    public Collection<AttributeDefinition> attributes() {
        return Collections.unmodifiableList(all);
    }

    @Override
    public Collection<Vendor> vendors() {
        return Collections.unmodifiableCollection(vendorsById.values());
    }

    /** The Vendor-Specific definition, synthesized when a dictionary lacks it. */
    AttributeDef vendorSpecific() {
        AttributeDef d = top[26];
        return d != null && d.type() == DataType.VSA ? d : null;
    }

    @Override
    public String toString() {
        return "Dictionary(" + all.size() + " attributes, " + vendorsById.size() + " vendors)";
    }
}
