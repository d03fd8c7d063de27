package dev.radsec.transport.internal;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.DictionaryException;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Checks {@code dev.radsec.dictionary} as {@link DictionaryService} applies it: the tree {@code path} names is read
 * (relative to Karaf's etc), and one that would not load is refused with its file, line and reason, where the service
 * would log it and keep the dictionary in use. An empty path is the bundled dictionary only.
 */
@Component(property = ConfigurationValidator.PID + "=" + DictionaryConfigurationValidator.PID)
public final class DictionaryConfigurationValidator implements ConfigurationValidator {
    static final String PID = "dev.radsec.dictionary";

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        Object value = properties.get("path");
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
            return;
        }
        Path path;
        try {
            path = Path.of(System.getProperty("karaf.etc", "etc")).resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw InvalidConfigurationException.of("path", text, "is not a path", e.getReason());
        }
        try {
            Dictionary.standardWith(path);
        } catch (DictionaryException e) {
            throw new InvalidConfigurationException("path", e.getMessage());
        }
    }
}
