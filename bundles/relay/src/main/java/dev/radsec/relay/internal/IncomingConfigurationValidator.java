package dev.radsec.relay.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.ListenerSpec;
import dev.radsec.transport.RadiusServer;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks a {@code dev.radsec.incoming} configuration as {@link IncomingConfiguration} applies it: its keys, and
 * when it listens ({@code accept = true}) its listener as the server would open it. Nothing is opened.
 */
@Component(property = ConfigurationValidator.PID + "=" + IncomingConfigurationValidator.PID)
public final class IncomingConfigurationValidator implements ConfigurationValidator {
    static final String PID = "dev.radsec.incoming";

    @Reference
    private RadiusServer server;

    public IncomingConfigurationValidator() {
    }

    /** Plain-Java use and tests. */
    public IncomingConfigurationValidator(RadiusServer server) {
        this.server = server;
    }

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigReader reader = new ConfigReader(properties);
        boolean accept = reader.bool("accept", false);
        ListenerSpec.Builder spec = IncomingConfiguration.spec(reader);
        if (accept) {
            server.validate(spec.build());
        }
    }
}
