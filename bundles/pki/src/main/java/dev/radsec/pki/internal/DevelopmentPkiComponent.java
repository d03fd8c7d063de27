package dev.radsec.pki.internal;

import dev.radsec.pki.CaException;
import dev.radsec.pki.OrganisationCa;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dev.radsec.pki.bootstrap}: on a first boot of the development distribution, the material the shipped
 * certificate and trust configurations name. Off unless configured.
 */
@Component(configurationPid = "dev.radsec.pki.bootstrap", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {}, immediate = true)
@Designate(ocd = DevelopmentPkiConfig.class)
public final class DevelopmentPkiComponent {
    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentPkiComponent.class);

    @Reference
    private OrganisationCa ca;

    @Activate
    void activate(BundleContext context, DevelopmentPkiConfig config) {
        Path etc = KarafPaths.etc(context);
        Path directory = etc.resolve(config.directory()).normalize();
        try {
            List<Path> created = new DevelopmentPki(ca, directory).ensure(config.ca$_$subject(), config.server$_$name(),
                    config.client$_$name());
            if (!created.isEmpty()) {
                // once, on the boot that made them
                LOG.warn("Development PKI created (for development only, replace for production): CA {}, "
                        + "certificates and keys in {}: {}", ca.certificateFile(), directory, created);
            }
        } catch (CaException | IOException e) {
            LOG.error("Development PKI not created: {}", e.getMessage());
        }
    }
}
