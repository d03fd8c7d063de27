package dev.radsec.management.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code dev.radsec.pki.trust} configurations as {@link TrustStoreMBean} reads and writes them, one key at a
 * time, through the one {@link ConfigurationStore}: found by the name of the trust store they configure (their
 * {@code name} key, else the name Karaf gives their file or alias, else {@code default}), checked first by the PKI's
 * validator as a cfg file is, and written back by Karaf to the configuration's file in {@code etc/}.
 */
final class TrustStoreConfigurations {
    private final ConfigurationStore store;

    TrustStoreConfigurations(ConfigurationStore store) {
        this.store = store;
    }

    /** The stored settings of trust store {@code name}, without ConfigAdmin's and Karaf's own keys. */
    Map<String, Object> stored(String name) {
        return store.stored(ConfigurationKind.TRUST_STORE, name);
    }

    /**
     * Sets one key of trust store {@code name}; an empty or null value removes it (its default applies).
     *
     * @throws IllegalArgumentException naming the key and the reason when the result would be refused, or when the
     *                                  store has no configuration to change; nothing changes then
     */
    void set(String name, String key, String value) {
        Map<String, String> change = new HashMap<>();
        change.put(key, value == null ? "" : value);
        store.set(ConfigurationKind.TRUST_STORE, name, change);
    }
}
