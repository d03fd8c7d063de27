package dev.radsec.pki.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Checks {@code dev.radsec.pki.certificate} configurations as {@link CertificateSettings} reads them. */
@Component(service = ConfigurationValidator.class, property = ConfigurationValidator.PID + "=dev.radsec.pki.certificate")
public final class CertificateConfigurationValidator extends PkiConfigurationValidator {
    @Override
    void parse(Map<String, ?> properties, Path base) throws InvalidConfigurationException {
        CertificateSettings.parse(properties, base);
    }
}
