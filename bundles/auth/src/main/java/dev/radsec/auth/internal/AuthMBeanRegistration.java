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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@code dev.radsec:type=Auth} ({@link AuthMBean}) while an MBeanServer (Karaf's {@code management}
 * feature) and the login service are there; the login service itself does not depend on JMX.
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
    @Reference
    private MBeanServer mbeanServer;

    private ObjectName registered;

    @Activate
    void activate() {
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
        if (registered != null) {
            try {
                mbeanServer.unregisterMBean(registered);
            } catch (Exception e) {
                LOG.debug("unregistering {}", registered, e);
            }
        }
    }
}
