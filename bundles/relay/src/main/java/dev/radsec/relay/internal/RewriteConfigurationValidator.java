package dev.radsec.relay.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.RadiusDictionary;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Checks a {@code dev.radsec.rewrite} configuration as {@link RewriteConfiguration} applies it: compiled against the
 * dictionary in effect, so an attribute it does not define, a value that does not fit, or a regular expression that
 * does not compile is refused with its key and the reason.
 */
@Component(property = ConfigurationValidator.PID + "=" + Rewrite.PID)
public final class RewriteConfigurationValidator implements ConfigurationValidator {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RadiusDictionary dictionary;

    public RewriteConfigurationValidator() {
    }

    /** Plain-Java use and tests. */
    public RewriteConfigurationValidator(RadiusDictionary dictionary) {
        this.dictionary = dictionary;
    }

    @Override
    public void validate(Map<String, ?> properties) throws InvalidConfigurationException {
        Rewrite.compile(RelayConfigurationValidator.named(Rewrite.PID, properties),
                RelayConfiguration.dictionary(dictionary));
    }
}
