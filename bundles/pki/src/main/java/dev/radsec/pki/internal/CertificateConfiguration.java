package dev.radsec.pki.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code dev.radsec.pki.certificate} factory configuration, handed to the registry. */
@Component(configurationPid = "dev.radsec.pki.certificate", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = CertificateConfig.class, factory = true)
public final class CertificateConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateConfiguration.class);

    @Reference
    private CredentialRegistry registry;
    private String pid;

    @Activate
    @Modified
    void apply(Map<String, Object> properties) {
        pid = (String) properties.get("service.pid");
        try {
            registry.certificateConfigured(pid, properties);
        } catch (InvalidConfigurationException e) {
            LOG.error("Configuration {} rejected, the running one stays: {}", pid, e.getMessage());
        }
    }

    @Deactivate
    void remove() {
        registry.certificateRemoved(pid);
    }
}
