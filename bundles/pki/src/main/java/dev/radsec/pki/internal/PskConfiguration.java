package dev.radsec.pki.internal;

import dev.radsec.common.FactoryConfiguration;
import dev.radsec.common.InvalidConfigurationException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One {@code dev.radsec.pki.psk} factory configuration, handed to the registry. */
@Component(configurationPid = "dev.radsec.pki.psk", configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = PskConfig.class, factory = true)
public final class PskConfiguration extends FactoryConfiguration {
    @Reference
    private CredentialRegistry registry;

    @Override
    protected void configured(String pid, Map<String, Object> properties) throws InvalidConfigurationException {
        registry.pskConfigured(pid, properties);
    }

    @Override
    protected void removed(String pid) {
        registry.pskRemoved(pid);
    }
}
