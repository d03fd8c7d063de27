package dev.radsec.common;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about configuration keys nothing reads, so a typo ({@code read-timout}) does not fail silently: once per
 * configuration and key, not at every change.
 */
public final class UnknownKeyWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownKeyWarnings.class);
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public void warn(String pid, List<String> keys) {
        for (String key : keys) {
            if (warned.add(pid + '\n' + key)) {
                LOG.warn("Configuration {}: key '{}' is not one of ours and is ignored (a typo?)", pid, key);
            }
        }
    }
}
