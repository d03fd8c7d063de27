package dev.radsec.management.internal;

import dev.radsec.management.RewriteMXBean;
import dev.radsec.relay.RewriteMonitor;
import dev.radsec.relay.RewriteStatistics;

/**
 * {@link RewriteMXBean} of the rewrite {@code name}: its counters over the relay's {@link RewriteMonitor} here, its
 * settings from its configuration ({@link ConfiguredMBean}).
 */
record RewriteMBean(String name, RewriteMonitor rewrites) {

    static RewriteMXBean create(String name, RewriteMonitor rewrites, ConfigurationStore store) {
        return ConfiguredMBean.create(RewriteMXBean.class, new RewriteMBean(name, rewrites), store,
                ConfigurationKind.REWRITE, name);
    }

    /** The JMX descriptions of the settings: their keys' metatype. */
    static java.util.function.Function<String, String> descriptions(ConfigurationStore store) {
        return ConfiguredMBean.descriptions(RewriteMXBean.class, RewriteMBean.class, store, ConfigurationKind.REWRITE);
    }

    /** Configured but not running (the relay bundle stopped): no counters, and says so. */
    private RewriteStatistics statistics() {
        return rewrites.rewrite(name).orElse(new RewriteStatistics(name, "not running", 0, 0, 0, 0, 0));
    }

    public String getName() {
        return name;
    }

    public boolean isActive() {
        return statistics().active();
    }

    public String getProblem() {
        return statistics().problem();
    }

    public long getPackets() {
        return statistics().packets();
    }

    public long getTouched() {
        return statistics().touched();
    }

    public long getRemoved() {
        return statistics().removed();
    }

    public long getAdded() {
        return statistics().added();
    }

    public long getModified() {
        return statistics().modified();
    }
}
