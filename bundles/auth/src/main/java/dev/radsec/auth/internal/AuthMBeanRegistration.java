package dev.radsec.auth.internal;

import dev.radsec.auth.AuthMXBean;
import dev.radsec.common.ConfigurationValidator;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@code dev.radsec:type=Auth} ({@link AuthMBean}) when an MBeanServer (Karaf's {@code management}
 * feature) is there; the login service itself does not depend on JMX. The MBeanServer is optional, so the feature
 * resolves without {@code management}, and greedy: when it comes later, this component starts again and registers.
 */
@Component(service = {}, immediate = true)
public final class AuthMBeanRegistration {
    static final String OBJECT_NAME = "dev.radsec:type=Auth";
    private static final Logger LOG = LoggerFactory.getLogger(AuthMBeanRegistration.class);

    @Reference
    private RadiusLoginService service;
    @Reference
    private ConfigurationAdmin configurationAdmin;
    @Reference(target = "(" + ConfigurationValidator.PID + "=" + AuthConfiguration.PID + ")")
    private ConfigurationValidator validator;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private MBeanServer mbeanServer;

    private ObjectName registered;

    @Activate
    void activate() {
        if (mbeanServer == null) {
            return;
        }
        try {
            ObjectName name = new ObjectName(OBJECT_NAME);
            mbeanServer.registerMBean(new StandardMBean(new AuthMBean(service,
                    new AuthConfiguration(configurationAdmin, validator)), AuthMXBean.class, true), name);
            registered = name;
        } catch (Exception e) {
            LOG.warn("{} not registered: {}", OBJECT_NAME, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        if (mbeanServer != null && registered != null) {
            try {
                mbeanServer.unregisterMBean(registered);
            } catch (Exception e) {
                LOG.debug("unregistering {}", registered, e);
            }
        }
    }
}
