package dev.radsec.management.internal;

import java.util.List;
import java.util.Optional;

/**
 * What a PID's metatype says about its keys: which keys there are, their defaults, which are secret (type
 * PASSWORD), and what they mean. Empty answers when no metatype describes the PID.
 */
interface KeyMetadata {
    /** Knows nothing: every key allowed, no defaults, no descriptions; secrets by name only. */
    KeyMetadata NONE = new KeyMetadata() {
        @Override
        public Optional<List<String>> keys(String pid) {
            return Optional.empty();
        }

        @Override
        public Optional<String> defaultValue(String pid, String key) {
            return Optional.empty();
        }

        @Override
        public boolean isSecret(String pid, String key) {
            return false;
        }

        @Override
        public Optional<String> description(String pid, String key) {
            return Optional.empty();
        }
    };

    /** The keys of {@code pid} in the order its metatype lists them; empty when no metatype describes it. */
    Optional<List<String>> keys(String pid);

    /** The key's default as a cfg file writes it (several values comma-separated); empty for none. */
    Optional<String> defaultValue(String pid, String key);

    /** Whether the key is a password: its value is never shown. */
    boolean isSecret(String pid, String key);

    /** One line: the key, what it means, and in brackets its choices or range and its default. */
    Optional<String> description(String pid, String key);
}
