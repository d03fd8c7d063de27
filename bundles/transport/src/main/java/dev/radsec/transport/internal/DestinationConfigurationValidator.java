package dev.radsec.transport.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Checks a {@code dev.radsec.destination} configuration as the destination service parses it. */
@Component(property = ConfigurationValidator.PID + "=" + DestinationConfigurationValidator.PID)
public final class DestinationConfigurationValidator implements ConfigurationValidator {
    static final String PID = "dev.radsec.destination";

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        DestinationSettings.parse(properties);
    }
}
