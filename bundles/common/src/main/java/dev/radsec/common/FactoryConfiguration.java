package dev.radsec.common;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One factory configuration ({@code etc/<factory-pid>-<name>.cfg}) handed to the service that runs it: applied on
 * activation and on every change, removed on deactivation, and refused with the key and reason while the running
 * one stays. A Declarative Services component extends it, naming its PID and metatype in its own annotations and
 * its service in a {@code @Reference}; the lifecycle methods are these (bnd {@code -dsannotations-options: inherit}).
 */
public abstract class FactoryConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(FactoryConfiguration.class);
    private String pid;

    /** Hands the configuration to its service, which validates it before anything changes. */
    protected abstract void configured(String pid, Map<String, Object> properties) throws InvalidConfigurationException;

    /** The configuration was deleted: its service stops what it ran. */
    protected abstract void removed(String pid);

    @Activate
    @Modified
    protected final void apply(Map<String, Object> properties) {
        pid = (String) properties.get("service.pid");
        try {
            configured(pid, properties);
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected, the running one stays: {}", pid, e.getMessage());
        }
    }

    @Deactivate
    protected final void remove() {
        removed(pid);
    }
}
