package dev.radsec.transport.internal;

import dev.radsec.common.FactoryConfiguration;
import dev.radsec.common.InvalidConfigurationException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One {@code dev.radsec.destination} factory configuration, handed to the client. */
@Component(configurationPid = "dev.radsec.destination", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = DestinationConfig.class, factory = true)
public final class DestinationConfiguration extends FactoryConfiguration {
    @Reference
    private RadiusClientImpl client;

    @Override
    protected void configured(String pid, Map<String, Object> properties) throws InvalidConfigurationException {
        client.destinationConfigured(pid, properties);
    }

    @Override
    protected void removed(String pid) {
        client.destinationRemoved(pid);
    }
}
