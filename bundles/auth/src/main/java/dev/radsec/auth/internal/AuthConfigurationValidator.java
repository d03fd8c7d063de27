package dev.radsec.auth.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.RadiusDictionary;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks a {@code dev.radsec.auth} configuration exactly as the login service parses it ({@link AuthSettings}, with
 * the dictionaries in force for {@code policy-attribute}), so that JMX and shell writes, this bundle's and
 * management's, are refused before ConfigAdmin stores them, with the message a bad cfg file gets.
 */
@Component(service = ConfigurationValidator.class, property = ConfigurationValidator.PID + "=" + AuthConfiguration.PID)
public final class AuthConfigurationValidator implements ConfigurationValidator {
    @Reference
    private RadiusDictionary dictionaries;

    public AuthConfigurationValidator() {
    }

    /** Plain-Java use and tests. */
    AuthConfigurationValidator(RadiusDictionary dictionaries) {
        this.dictionaries = dictionaries;
    }

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        new AuthSettings(properties, dictionaries.current());
    }
}
