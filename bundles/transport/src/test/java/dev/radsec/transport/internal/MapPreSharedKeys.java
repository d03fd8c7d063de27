package dev.radsec.transport.internal;

import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.PskStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pre-shared keys held in a map, changed by the test: what the PKI's registry serves, without its files. */
final class MapPreSharedKeys implements PreSharedKeys {
    final Map<String, PreSharedKey> keys = new ConcurrentHashMap<>();

    MapPreSharedKeys put(PreSharedKey key) {
        keys.put(key.name(), key);
        return this;
    }

    @Override
    public Optional<PreSharedKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    @Override
    public PskStatus status(String name) {
        PreSharedKey k = keys.get(name);
        return k == null ? new PskStatus(name, Optional.empty(), Optional.empty(), false, Optional.of("not configured"))
                : new PskStatus(name, Optional.of(k.identity()), Optional.of(k.version()), true, Optional.empty());
    }

    @Override
    public List<PskStatus> statuses() {
        return keys.keySet().stream().map(this::status).toList();
    }
}
