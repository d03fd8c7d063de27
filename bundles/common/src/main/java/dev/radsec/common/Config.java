package dev.radsec.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration parsed by a {@link ConfigTable}: the value of every key, defaults filled in. Immutable.
 * {@link #toString()} never shows a secret.
 */
public final class Config {
    static final String HIDDEN = "******";

    private final ConfigTable table;
    /** By key name, in table order; {@code null} for a key without value or default. */
    private final Map<String, Object> values;
    private final List<String> unknownKeys;

    Config(ConfigTable table, Map<String, Object> values, List<String> unknownKeys) {
        this.table = table;
        this.values = Collections.unmodifiableMap(values);
        this.unknownKeys = List.copyOf(unknownKeys);
    }

    /**
     * The value of {@code key}, its default when the configuration does not give it; {@code null} when there is
     * neither.
     *
     * @throws IllegalArgumentException when {@code key} is not of this configuration's table
     * @throws IllegalStateException    when asked by a default of a key before {@code key} in the table
     */
    public <T> T get(ConfigKey<T> key) {
        if (!table.contains(key)) {
            throw new IllegalArgumentException("key " + key.name() + " is not in this table");
        }
        if (!values.containsKey(key.name())) {
            throw new IllegalStateException("key " + key.name() + " is not read yet: a default may only use keys before it");
        }
        return key.type().cast(values.get(key.name()));
    }

    /** Every key with the value in effect, as a cfg file writes it, in table order; secrets as {@code ******}. */
    public Map<String, String> effective() {
        Map<String, String> m = new LinkedHashMap<>();
        for (ConfigKey<?> k : table.keys()) {
            m.put(k.name(), shown(k));
        }
        return m;
    }

    private <T> String shown(ConfigKey<T> key) {
        T v = get(key);
        return key.isSecret() && v != null ? HIDDEN : key.text(v);
    }

    /** The keys whose value differs from {@code old}'s, in table order. */
    public List<ConfigKey<?>> changed(Config old) {
        if (old.table != table) {
            throw new IllegalArgumentException("configurations of different tables");
        }
        List<ConfigKey<?>> changed = new ArrayList<>();
        for (ConfigKey<?> k : table.keys()) {
            if (!Objects.equals(values.get(k.name()), old.values.get(k.name()))) {
                changed.add(k);
            }
        }
        return changed;
    }

    /** Whether going from {@code old} to this changes a key that needs a new connection. */
    public boolean needsReconnect(Config old) {
        return changed(old).stream().anyMatch(ConfigKey::needsReconnect);
    }

    /** The keys of the properties that are not in the table, sorted; framework keys (with a dot) left out. */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    public ConfigTable table() {
        return table;
    }

    @Override
    public String toString() {
        return effective().toString();
    }
}
