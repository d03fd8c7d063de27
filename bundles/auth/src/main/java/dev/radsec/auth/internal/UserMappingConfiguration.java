package dev.radsec.auth.internal;

import dev.radsec.common.InvalidConfigurationException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code dev.radsec.auth.user} configuration: described by metatype (so the web console offers the form) and
 * checked when it arrives. The login service reads mappings from ConfigAdmin itself; a mapping without a username
 * matches nobody, which is said here once.
 */
@Component(configurationPid = UserMappingStore.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = UserConfig.class, factory = true)
public final class UserMappingConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(UserMappingConfiguration.class);

    @Activate
    @Modified
    void check(Map<String, Object> properties) {
        try {
            new UserMappingValidator().validate(properties);
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected: {}", properties.get("service.pid"), e.getMessage());
        }
    }
}
