package dev.radsec.pki.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Checks {@code dev.radsec.pki.psk} configurations as {@link PskSettings} reads them; never quotes a key. */
@Component(service = ConfigurationValidator.class, property = ConfigurationValidator.PID + "=dev.radsec.pki.psk")
public final class PskConfigurationValidator extends PkiConfigurationValidator {
    @Override
    void parse(Map<String, ?> properties, Path base) throws InvalidConfigurationException {
        PskSettings.parse(properties, base);
    }
}
