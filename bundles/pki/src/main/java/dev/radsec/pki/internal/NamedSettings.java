package dev.radsec.pki.internal;

import java.nio.file.Path;
import java.util.List;

/** The validated configuration of a named certificate or trust store: what {@link ConfiguredEntries} needs of it. */
abstract class NamedSettings {
    /** What destinations call it ({@code tls-certificate}, {@code tls-trust}); unique among its kind. */
    final String name;
    /** Keys of the configuration nothing reads: typos to warn about. */
    final List<String> unknownKeys;

    NamedSettings(String name, List<String> unknownKeys) {
        this.name = name;
        this.unknownKeys = unknownKeys;
    }

    /** Every file or directory whose change means a reload. */
    abstract List<Path> watchedPaths();
}
