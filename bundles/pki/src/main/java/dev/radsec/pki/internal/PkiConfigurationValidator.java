package dev.radsec.pki.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Reference;

/**
 * A PKI factory PID's {@link ConfigurationValidator}: the same parse the registry applies to a cfg file, so a JMX or
 * shell write is refused before ConfigAdmin stores it. A subclass is the DS component of one PID.
 */
abstract class PkiConfigurationValidator implements ConfigurationValidator {
    @Reference
    CredentialRegistry registry;

    /** Parses as the registry does; throws what it would. */
    abstract void parse(Map<String, ?> properties, Path base) throws InvalidConfigurationException;

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        Map<String, Object> named = new HashMap<>(properties);
        Object instance = properties.get(NAME);
        if (instance != null && !properties.containsKey("name")) {
            named.put("name", instance); // the name the file gives, as the component would read it
        }
        parse(named, registry.base());
    }
}
