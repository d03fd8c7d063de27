package dev.radsec.management.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link KeyMetadata} as a test gives it: keys of each PID with their defaults, and which are secret. */
public final class MapKeyMetadata implements KeyMetadata {
    private final Map<String, Map<String, String>> defaults = new LinkedHashMap<>();
    private final Map<String, Set<String>> secrets = new LinkedHashMap<>();

    /** Keys of {@code pid}: {@code key, default, key, default ..} (null or empty: no default). */
    public MapKeyMetadata pid(String pid, Set<String> secret, String... keysAndDefaults) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < keysAndDefaults.length; i += 2) {
            keys.put(keysAndDefaults[i], keysAndDefaults[i + 1]);
        }
        defaults.put(pid, keys);
        secrets.put(pid, secret);
        return this;
    }

    @Override
    public Optional<List<String>> keys(String pid) {
        return Optional.ofNullable(defaults.get(pid)).map(m -> List.copyOf(m.keySet()));
    }

    @Override
    public Optional<String> defaultValue(String pid, String key) {
        return Optional.ofNullable(defaults.getOrDefault(pid, Map.of()).get(key)).filter(d -> !d.isEmpty());
    }

    @Override
    public boolean isSecret(String pid, String key) {
        return secrets.getOrDefault(pid, Set.of()).contains(key);
    }

    @Override
    public Optional<String> description(String pid, String key) {
        return keys(pid).filter(k -> k.contains(key)).map(k -> key + ": test key"
                + defaultValue(pid, key).map(d -> " (default " + d + ")").orElse(""));
    }
}
