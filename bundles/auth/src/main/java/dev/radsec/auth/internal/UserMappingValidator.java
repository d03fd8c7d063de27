package dev.radsec.auth.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Checks a {@code dev.radsec.auth.user} configuration (one user's mapping) before a JMX or shell write stores it:
 * without a username it would map nobody. Policies need no check: any comma-separated text is a list of them, and
 * none (empty) is allowed, the user then getting {@code default} only.
 */
@Component(service = ConfigurationValidator.class,
        property = ConfigurationValidator.PID + "=" + UserMappingStore.FACTORY_PID)
public final class UserMappingValidator implements ConfigurationValidator {

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        Object username = properties.get("username");
        if (username == null || String.valueOf(username).isBlank()) {
            throw new InvalidConfigurationException("username", "is required; it maps nobody");
        }
    }
}
