package dev.radsec.transport.internal;

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

/** One {@code dev.radsec.destination} factory configuration, handed to the client. */
@Component(configurationPid = "dev.radsec.destination", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = DestinationConfig.class, factory = true)
public final class DestinationConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationConfiguration.class);

    @Reference
    private RadiusClientImpl client;
    private String pid;

    @Activate
    @Modified
    void apply(Map<String, Object> properties) {
        pid = (String) properties.get("service.pid");
        try {
            client.destinationConfigured(pid, properties);
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected, the running one stays: {}", pid, e.getMessage());
        }
    }

    @Deactivate
    void remove() {
        client.destinationRemoved(pid);
    }
}
