package dev.radsec.codec.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.DictionaryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads FreeRADIUS-format dictionary files, following {@code $INCLUDE}s, into a {@link DictionaryImpl}: one
 * {@link DictionaryFileParser} per file, then the {@code VALUE}s, which may come before their attribute.
 */
public final class DictionaryLoader {
    private static final String STANDARD_ROOT = "dev/radsec/codec/dictionary/dictionary";

    private final DictionaryImpl dict = new DictionaryImpl();
    private final List<PendingValue> pendingValues = new ArrayList<>();
    /** The files being read, each including the next: one that includes itself again is a loop. */
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
            loader.read(DictionarySource.resource(STANDARD_ROOT), 0);
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
            loader.read(DictionarySource.resource(STANDARD_ROOT), 0);
            loader.overridable.addAll(loader.dict.all);
        }
        for (Path f : files) {
            loader.read(DictionarySource.file(f), 0);
        }
        return loader.finish();
    }

    /** Reads one file and, through its parser, what it includes. */
    void read(DictionarySource source, int depth) throws DictionaryException {
        String key = source.key();
        if (!loading.add(key)) {
            throw new DictionaryException(source.name(), 0, "$INCLUDE loop");
        }
        if (source.path() != null && !dict.files.contains(source.path())) {
            dict.files.add(source.path());
        }
        try {
            new DictionaryFileParser(this, dict, source, depth).parse();
        } finally {
            loading.remove(key);
        }
    }

    void pendingValue(PendingValue value) {
        pendingValues.add(value);
    }

    /**
     * Whether a file may give {@code existing}'s name to another number: once, for a bundled definition under
     * an operator's files.
     */
    boolean mayRedefine(AttributeDef existing) {
        return overridable.remove(existing);
    }

    private DictionaryImpl finish() throws DictionaryException {
        for (PendingValue v : pendingValues) {
            AttributeDef def = dict.byName(v.attribute());
            if (def == null) {
                throw new DictionaryException(v.file(), v.line(), "VALUE for unknown attribute '" + v.attribute() + "'");
            }
            def.addValue(v.name(), v.value());
        }
        return dict;
    }

    /** A {@code VALUE} line, kept until every file is read. */
    record PendingValue(String file, int line, String attribute, String name, long value) {
    }
}
