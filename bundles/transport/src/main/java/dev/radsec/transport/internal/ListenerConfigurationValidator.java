package dev.radsec.transport.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Checks a {@code dev.radsec.listener} configuration as the server parses it. The instance's name under
 * {@link ConfigurationValidator#NAME} becomes the PID's alias ({@code dev.radsec.listener~aps}), which the settings
 * read as the listener's name when it has no {@code name} key.
 */
@Component(property = ConfigurationValidator.PID + "=" + ListenerConfigurationValidator.PID)
public final class ListenerConfigurationValidator implements ConfigurationValidator {
    static final String PID = "dev.radsec.listener";

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        Map<String, Object> p = new HashMap<>(properties);
        Object name = p.remove(NAME);
        if (name != null) {
            p.put("service.pid", PID + "~" + name);
        }
        ListenerSettings.parse(p);
    }
}
