package dev.radsec.relay.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RadiusServer;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Checks a {@code dev.radsec.relay} configuration as {@link RelayConfiguration} applies it: its settings, then each
 * port it would open as the server would listen on it. Nothing is opened.
 */
@Component(property = ConfigurationValidator.PID + "=" + RelayConfigurationValidator.PID)
public final class RelayConfigurationValidator implements ConfigurationValidator {
    static final String PID = "dev.radsec.relay";

    @Reference
    private RadiusServer server;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RadiusDictionary dictionary;

    public RelayConfigurationValidator() {
    }

    /** Plain-Java use and tests. */
    public RelayConfigurationValidator(RadiusServer server) {
        this.server = server;
    }

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        RelaySettings settings = new RelaySettings(named(PID, properties), RelayConfiguration.dictionary(dictionary));
        for (RelayConfiguration.Port port : RelayConfiguration.ports(settings)) {
            server.validate(port.spec());
        }
    }

    /**
     * The properties as ConfigAdmin hands a named factory instance to its component: the name under
     * {@link ConfigurationValidator#NAME} becomes the alias of the PID ({@code dev.radsec.relay~branch}), which the
     * settings read as Karaf's name for the instance.
     */
    static Map<String, Object> named(String factoryPid, Map<String, ?> properties) {
        Map<String, Object> p = new HashMap<>(properties);
        Object name = p.remove(NAME);
        if (name != null) {
            p.put("service.pid", factoryPid + "~" + name);
        }
        return p;
    }
}
