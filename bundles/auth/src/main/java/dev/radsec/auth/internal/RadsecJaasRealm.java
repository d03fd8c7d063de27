package dev.radsec.auth.internal;

import java.util.HashMap;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Karaf JAAS realm {@code radsec} (rank {@value #RANK}): RADIUS first ({@link RadiusLoginModule}), then Karaf's
 * local users from {@code etc/users.properties} as the fallback, so an operator can still log in when the RADIUS
 * server cannot be reached. Karaf's own realm {@code karaf} stays as it is; the console, SSH and JMX use this one
 * when their {@code *Realm} setting says {@code radsec}.
 */
@Component(service = JaasRealm.class, immediate = true)
public final class RadsecJaasRealm implements JaasRealm {
    /** The realm's name, as {@code sshRealm}, {@code jmxRealm} and the web console name it. */
    public static final String NAME = "radsec";
    /** Only one realm is named radsec; a realm of the same name with a higher rank would replace this one. */
    static final int RANK = 0;
    private static final String KARAF_JAAS_MODULES = "org.apache.karaf.jaas.modules";

    @Reference
    private RadiusLoginService login; // the realm is offered only while the login service runs

    private AppConfigurationEntry[] entries;

    @Activate
    void activate(BundleContext context) {
        Map<String, Object> radius = new HashMap<>();
        radius.put(ProxyLoginModule.PROPERTY_MODULE, RadiusLoginModule.class.getName());
        radius.put(ProxyLoginModule.PROPERTY_BUNDLE, String.valueOf(context.getBundle().getBundleId()));
        AppConfigurationEntry first = new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                LoginModuleControlFlag.SUFFICIENT, radius);
        Bundle modules = null;
        for (Bundle b : context.getBundles()) {
            if (KARAF_JAAS_MODULES.equals(b.getSymbolicName())) {
                modules = b;
            }
        }
        if (modules == null) {
            entries = new AppConfigurationEntry[] {first};
            return;
        }
        Map<String, Object> local = new HashMap<>();
        local.put(ProxyLoginModule.PROPERTY_MODULE, "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule");
        local.put(ProxyLoginModule.PROPERTY_BUNDLE, String.valueOf(modules.getBundleId()));
        local.put("users", System.getProperty("karaf.etc", "etc") + "/users.properties");
        entries = new AppConfigurationEntry[] {first, new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                LoginModuleControlFlag.SUFFICIENT, local)};
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return RANK;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
