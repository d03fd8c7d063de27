package dev.radsec.transport.internal;

import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code dev.radsec.listener} factory configuration, handed to the server. */
@Component(configurationPid = "dev.radsec.listener", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = ListenerConfig.class, factory = true)
public final class ListenerConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerConfiguration.class);

    @Reference
    private RadiusServerImpl server;
    private String pid;

    @Activate
    @Modified
    void apply(Map<String, Object> properties) {
        pid = (String) properties.get("service.pid");
        try {
            server.listenerConfigured(pid, properties);
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected, the running one stays: {}", pid, e.getMessage());
        } catch (IOException e) {
            LOG.error("Configuration {}: cannot listen: {}", pid, e.getMessage());
        }
    }

    @Deactivate
    void remove() {
        server.listenerRemoved(pid);
    }
}
