package dev.radsec.management.internal;

import dev.radsec.management.PreSharedKeyMXBean;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.PskStatus;
import java.util.function.Function;

/**
 * {@link PreSharedKeyMXBean} of the pre-shared key {@code name}: its status over the PKI's {@link PreSharedKeys}
 * here (never the key), its settings from its configuration ({@link ConfiguredMBean}, which masks {@code key}).
 */
public record PreSharedKeyMBean(String name, PreSharedKeys keys) {

    static PreSharedKeyMXBean create(String name, PreSharedKeys keys, ConfigurationStore store) {
        return ConfiguredMBean.create(PreSharedKeyMXBean.class, new PreSharedKeyMBean(name, keys), store,
                ConfigurationKind.PSK, name);
    }

    /** The JMX descriptions of the settings: their keys' metatype. */
    static Function<String, String> descriptions(ConfigurationStore store) {
        return ConfiguredMBean.descriptions(PreSharedKeyMXBean.class, PreSharedKeyMBean.class, store,
                ConfigurationKind.PSK);
    }

    /** {@code available}, or {@code unavailable: } and the reason. */
    public static String describe(PskStatus s) {
        return s.available() ? "available" : "unavailable" + s.problem().map(p -> ": " + p).orElse("");
    }

    private PskStatus status() {
        return keys.status(name);
    }

    public String getName() {
        return name;
    }

    public boolean isUsable() {
        return status().available();
    }

    public String getStatus() {
        return describe(status());
    }

    public String getReason() {
        PskStatus s = status();
        return s.available() ? "" : s.problem().orElse("");
    }

    public String getIdentityInUse() {
        return status().identity().orElse("");
    }

    public String getTlsVersionInUse() {
        return status().version().map(PreSharedKey.TlsVersion::label).orElse("");
    }
}
