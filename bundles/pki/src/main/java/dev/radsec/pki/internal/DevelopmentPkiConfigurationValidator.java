package dev.radsec.pki.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Checks {@code dev.radsec.pki.bootstrap} as {@link DevelopmentPkiComponent} would use it, so that a JMX or shell
 * write that would make no CA or certificates is refused before it is stored: {@code ca-subject} a distinguished
 * name the CA takes, {@code server-name} a DNS name (it goes into the server certificate's subjectAltName),
 * {@code client-name} a common name, {@code directory} a path that is not a file.
 */
@Component(service = ConfigurationValidator.class,
        property = ConfigurationValidator.PID + "=" + DevelopmentPkiConfigurationValidator.PID)
public final class DevelopmentPkiConfigurationValidator implements ConfigurationValidator {
    static final String PID = "dev.radsec.pki.bootstrap";
    /** RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern DNS_NAME =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /** X.520's upper bound of a common name. */
    private static final int MAX_COMMON_NAME = 64;

    private Path etc;

    public DevelopmentPkiConfigurationValidator() {
    }

    /** Plain-Java use and tests: relative directories resolve against {@code etc}. */
    DevelopmentPkiConfigurationValidator(Path etc) {
        this.etc = etc;
    }

    @Activate
    void activate(BundleContext context) {
        etc = KarafPaths.etc(context);
    }

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigReader v = new ConfigReader(properties);
        String subject = v.string("ca-subject", null);
        if (subject != null) {
            try {
                if (new X500Principal(subject).getName().isEmpty()) {
                    throw InvalidConfigurationException.of("ca-subject", subject, "is empty",
                            "e.g. CN=Example Org RadSec CA,O=Example Org");
                }
            } catch (IllegalArgumentException e) {
                throw InvalidConfigurationException.of("ca-subject", subject, "is not a distinguished name: "
                        + e.getMessage(), "e.g. CN=Example Org RadSec CA,O=Example Org");
            }
        }
        String server = v.string("server-name", null);
        if (server != null && (server.length() > 253 || !DNS_NAME.matcher(server).matches())) {
            throw InvalidConfigurationException.of("server-name", server, "is not a DNS name",
                    "letters, digits, inner hyphens and dots, e.g. radsec.example.org");
        }
        String client = v.string("client-name", null);
        if (client != null) {
            if (client.length() > MAX_COMMON_NAME) {
                throw new InvalidConfigurationException("client-name", "is " + client.length()
                        + " characters, more than the " + MAX_COMMON_NAME + " a common name holds");
            }
            if (client.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new InvalidConfigurationException("client-name", "holds a control character");
            }
        }
        String directory = v.string("directory", null);
        if (directory != null) {
            Path path;
            try {
                path = etc.resolve(directory).normalize();
            } catch (InvalidPathException e) {
                throw InvalidConfigurationException.of("directory", directory, "is not a path", e.getReason());
            }
            if (Files.exists(path) && !Files.isDirectory(path)) {
                throw InvalidConfigurationException.of("directory", directory, "is a file, not a directory", null);
            }
        }
    }
}
