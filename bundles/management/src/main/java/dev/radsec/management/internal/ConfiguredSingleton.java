package dev.radsec.management.internal;

/**
 * What a singleton PID's MXBean says of itself besides its keys ({@link ConfiguredMBean} answers those): whether it is
 * configured at all, for PIDs whose component runs only then ({@code dev.radsec.server}, {@code dev.radsec.pki.bootstrap}).
 */
record ConfiguredSingleton(ConfigurationStore store, ConfigurationKind kind) {

    /** The MXBean {@code type} of {@code kind}'s configuration. */
    static <T> T create(Class<T> type, ConfigurationStore store, ConfigurationKind kind) {
        return ConfiguredMBean.create(type, new ConfiguredSingleton(store, kind), store, kind, kind.noun());
    }

    /** The JMX descriptions of {@code type}'s settings: their keys' metatype. */
    static java.util.function.Function<String, String> descriptions(Class<?> type, ConfigurationStore store,
            ConfigurationKind kind) {
        return ConfiguredMBean.descriptions(type, ConfiguredSingleton.class, store, kind);
    }

    public boolean isConfigured() {
        return store.find(kind, kind.noun()).isPresent();
    }
}
