package dev.radsec.management.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.DictionaryException;
import dev.radsec.management.DictionaryMXBean;
import dev.radsec.transport.RadiusDictionary;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@link DictionaryMXBean}: what the transport's {@link RadiusDictionary} holds now here, {@code path} from
 * {@code dev.radsec.dictionary} ({@link ConfiguredMBean}). The path resolves against Karaf's {@code etc/} as the
 * transport resolves it.
 */
record DictionaryMBean(RadiusDictionary dictionary, ConfigurationStore store) {

    static DictionaryMXBean create(RadiusDictionary dictionary, ConfigurationStore store) {
        return ConfiguredMBean.create(DictionaryMXBean.class, new DictionaryMBean(dictionary, store), store,
                ConfigurationKind.DICTIONARY, ConfigurationKind.DICTIONARY.noun());
    }

    /** The JMX descriptions of the settings: their keys' metatype. */
    static Function<String, String> descriptions(ConfigurationStore store) {
        return ConfiguredMBean.descriptions(DictionaryMXBean.class, DictionaryMBean.class, store,
                ConfigurationKind.DICTIONARY);
    }

    public int getAttributeCount() {
        return dictionary.current().attributes().size();
    }

    public int getVendorCount() {
        return dictionary.current().vendors().size();
    }

    public String[] getFiles() {
        return dictionary.current().files().stream().map(Path::toString).toArray(String[]::new);
    }

    /**
     * Loads the configured tree again only when it is not the one in use (the transport kept the last good one):
     * never on a healthy system, and then it stops at the line at fault.
     */
    public String getLoadError() {
        Object configured = store.stored(ConfigurationKind.DICTIONARY, ConfigurationKind.DICTIONARY.noun()).get("path");
        String text = configured == null ? "" : configured.toString().trim();
        if (text.isEmpty()) {
            return "";
        }
        Path path;
        try {
            path = Path.of(System.getProperty("karaf.etc", "etc")).resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return text + ": not a path: " + e.getMessage();
        }
        for (Path read : dictionary.current().files()) {
            if (read.toAbsolutePath().normalize().equals(path)) {
                return "";
            }
        }
        try {
            Dictionary.standardWith(path);
            return ""; // loads now: the transport reloads it in a moment
        } catch (DictionaryException e) {
            return e.getMessage();
        }
    }
}
