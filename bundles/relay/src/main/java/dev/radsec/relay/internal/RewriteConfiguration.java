package dev.radsec.relay.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.UnknownKeyWarnings;
import dev.radsec.transport.RadiusDictionary;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code dev.radsec.rewrite} configuration ({@code etc/dev.radsec.rewrite-<name>.cfg}), compiled against the
 * dictionary in effect and put under its name in the {@link RewriteRegistry}, where relays and destinations that name
 * it find it. A configuration refused on a change leaves the running one as it was.
 */
@Component(configurationPid = Rewrite.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = RewriteConfig.class, factory = true)
public final class RewriteConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteConfiguration.class);
    private static final UnknownKeyWarnings UNKNOWN_KEYS = new UnknownKeyWarnings();

    @Reference
    private RewriteRegistry registry;
    /** What attribute names must be in; the bundled dictionary until the transport's is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RadiusDictionary dictionary;
    private String pid;

    public RewriteConfiguration() {
    }

    /** Plain-Java use and tests. */
    public RewriteConfiguration(RewriteRegistry registry, RadiusDictionary dictionary) {
        this.registry = registry;
        this.dictionary = dictionary;
    }

    @Activate
    @Modified
    public void apply(Map<String, Object> properties) {
        pid = String.valueOf(properties.get("service.pid"));
        try {
            Rewrite compiled = registry.configure(pid, properties, RelayConfiguration.dictionary(dictionary));
            String name = compiled.name;
            UNKNOWN_KEYS.warn(pid, compiled.unknownKeys);
            if (compiled.isEmpty()) {
                LOG.warn("Rewrite {} ({}) sets none of remove, remove-vendor, modify, set, supplement, add: it "
                        + "changes nothing", name, pid);
            } else {
                LOG.info("Rewrite {} configured", name);
            }
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected, the running one stays: {}", pid, e.getMessage());
            // at boot the operator's dictionary may load after this: tried again with it
            registry.configureLater(pid, new ConfigReader(properties).instanceName(Rewrite.PID, null), properties,
                    RelayConfiguration.dictionary(dictionary));
        }
    }

    @Deactivate
    public void remove() {
        if (pid != null) {
            registry.remove(pid);
        }
    }
}
