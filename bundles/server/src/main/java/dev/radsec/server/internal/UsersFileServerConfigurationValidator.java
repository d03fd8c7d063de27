package dev.radsec.server.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.server.UsersFile;
import dev.radsec.transport.RadiusDictionary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks {@code dev.radsec.server} as {@link UsersFileServer} would use it, so that a JMX or shell write is refused
 * before it is stored: {@code users} a path (relative to Karaf's etc) that is not a directory and, when the file
 * exists, parses with the dictionary in use (a missing one is created with the demo users); {@code listener} a
 * listener name without spaces or control characters.
 */
@Component(service = ConfigurationValidator.class,
        property = ConfigurationValidator.PID + "=" + UsersFileServerConfigurationValidator.PID)
public final class UsersFileServerConfigurationValidator implements ConfigurationValidator {
    static final String PID = "dev.radsec.server";

    @Reference
    private RadiusDictionary dictionary;
    private Path etc;

    public UsersFileServerConfigurationValidator() {
    }

    /** Plain-Java use and tests: users files relative to {@code etc}. */
    UsersFileServerConfigurationValidator(RadiusDictionary dictionary, Path etc) {
        this.dictionary = dictionary;
        this.etc = etc;
    }

    @Activate
    void activate(BundleContext context) {
        String karafEtc = context.getProperty("karaf.etc");
        etc = Path.of(karafEtc == null ? "etc" : karafEtc).toAbsolutePath().normalize();
    }

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        String users = text(properties.get("users"));
        if (!users.isEmpty()) {
            Path file;
            try {
                file = etc.resolve(users).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw InvalidConfigurationException.of("users", users, "is not a path", e.getReason());
            }
            if (Files.isDirectory(file)) {
                throw InvalidConfigurationException.of("users", users, "is a directory, not a users file", null);
            }
            if (Files.exists(file)) {
                try {
                    UsersFile.parse(Files.readString(file, StandardCharsets.UTF_8), dictionary.current());
                } catch (IOException e) {
                    throw new InvalidConfigurationException("users", file + " cannot be read: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigurationException("users", file + " " + e.getMessage());
                }
            }
        }
        String listener = text(properties.get("listener"));
        if (listener.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw InvalidConfigurationException.of("listener", listener, "holds spaces or control characters",
                    "the name of a dev.radsec.listener, e.g. server");
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }
}
