package dev.radsec.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of one kind of configuration (a destination, a listener), in order: the one place each key is defined.
 * {@link #parse} reads a ConfigAdmin configuration through it; a key's default may depend only on keys before it.
 */
public final class ConfigTable {
    private final List<ConfigKey<?>> keys;
    private final Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();

    private ConfigTable(List<ConfigKey<?>> keys) {
        this.keys = keys;
        for (ConfigKey<?> k : keys) {
            if (byName.put(k.name(), k) != null) {
                throw new IllegalArgumentException("key " + k.name() + " is in the table twice");
            }
        }
    }

    public static ConfigTable of(ConfigKey<?>... keys) {
        return new ConfigTable(List.of(keys));
    }

    /** Every key, in the order the configuration is read and shown. */
    public List<ConfigKey<?>> keys() {
        return keys;
    }

    public Optional<ConfigKey<?>> key(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    boolean contains(ConfigKey<?> key) {
        return byName.get(key.name()) == key;
    }

    /**
     * Reads every key of the table from {@code properties} (as an {@code etc/*.cfg} file or the web console gives
     * them), in order, filling in defaults.
     *
     * @throws InvalidConfigurationException at the first key that is bad or required and missing:
     *                                       {@code key: 'value' reason (allowed)}
     */
    public Config parse(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigReader reader = new ConfigReader(properties);
        Map<String, Object> values = new LinkedHashMap<>();
        Config earlier = new Config(this, values, List.of());
        for (ConfigKey<?> k : keys) {
            values.put(k.name(), k.read(reader, earlier));
        }
        return new Config(this, new LinkedHashMap<>(values), reader.unknownKeys());
    }
}
