package dev.radsec.transport.internal;

import dev.radsec.pki.PreSharedKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every RADIUS shared secret the transport's configurations hold (destinations, and listeners' client networks), so
 * that a pre-shared key equal to any of them is never used (RFC 9813 section 4.2). Compared in constant time; never
 * shown.
 */
final class ConfiguredSecrets {
    private final Map<String, List<String>> byConfiguration = new ConcurrentHashMap<>();

    /** The secrets of the configuration {@code pid}, replacing what it held before. */
    void put(String pid, List<String> secrets) {
        byConfiguration.put(pid, List.copyOf(secrets));
    }

    void remove(String pid) {
        byConfiguration.remove(pid);
    }

    /** Whether {@code key} equals any configured secret. */
    boolean equalTo(PreSharedKey key) {
        boolean equal = false;
        for (List<String> secrets : byConfiguration.values()) {
            for (String s : secrets) {
                equal |= key.keyEquals(s.getBytes(StandardCharsets.UTF_8)); // no early exit: constant time per secret
            }
        }
        return equal;
    }
}
