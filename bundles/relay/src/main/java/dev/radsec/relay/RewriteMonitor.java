package dev.radsec.relay;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The relay's rewrites ({@code dev.radsec.rewrite} configurations, one {@code etc/dev.radsec.rewrite-<name>.cfg}
 * each) and their counters, as an OSGi service of the relay bundle: what JMX ({@code dev.radsec:type=Rewrite}) and
 * {@code radsec:rewrites} show. Counters start at zero when a rewrite is configured, keep counting across changes
 * of its configuration, and go with it when it is removed.
 *
 * @since 0.2
 */
@ProviderType
public interface RewriteMonitor {
    /** Every configured rewrite, applied or refused, by name. */
    List<RewriteStatistics> rewrites();

    /** The configured rewrite {@code name}; empty when none is. */
    Optional<RewriteStatistics> rewrite(String name);
}
