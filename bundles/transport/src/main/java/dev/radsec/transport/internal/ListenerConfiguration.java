package dev.radsec.transport.internal;

import dev.radsec.common.FactoryConfiguration;
import dev.radsec.common.InvalidConfigurationException;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code dev.radsec.listener} factory configuration, handed to the server. */
@Component(configurationPid = "dev.radsec.listener", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ListenerConfig.class, factory = true)
public final class ListenerConfiguration extends FactoryConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerConfiguration.class);

    @Reference
    private RadiusServerImpl server;

    @Override
    protected void configured(String pid, Map<String, Object> properties) throws InvalidConfigurationException {
        try {
            server.listenerConfigured(pid, properties);
        } catch (IOException e) {
            LOG.error("Configuration {}: cannot listen: {}", pid, e.getMessage());
        }
    }

    @Override
    protected void removed(String pid) {
        server.listenerRemoved(pid);
    }
}
