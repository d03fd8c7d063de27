package dev.radsec.pki.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Checks {@code dev.radsec.pki.trust} configurations as {@link TrustSettings} reads them. */
@Component(service = ConfigurationValidator.class, property = ConfigurationValidator.PID + "=dev.radsec.pki.trust")
public final class TrustConfigurationValidator extends PkiConfigurationValidator {
    @Override
    void parse(Map<String, ?> properties, Path base) throws InvalidConfigurationException {
        TrustSettings.parse(properties, base);
    }
}
