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
 * The Karaf JAAS realm {@code radsec} (rank {@value #RANK}): RADIUS ({@link RadiusLoginModule}) and Karaf's local
 * users from {@code etc/users.properties}, both {@code sufficient}, in the order {@code jaas-order} of
 * {@code dev.radsec.auth} says: {@code radius-first} (default; the local users are the fallback, so an operator can
 * still log in when the RADIUS server cannot be reached) or {@code local-first} (MikroTik's order). The order is read
 * at every login, so a change applies to the next one. Karaf's own realm {@code karaf} stays as it is; the console,
 * SSH and JMX use this one when their {@code *Realm} setting says {@code radsec}.
 */
@Component(service = JaasRealm.class, immediate = true)
public final class RadsecJaasRealm implements JaasRealm {
    /** The realm's name, as {@code sshRealm}, {@code jmxRealm} and the web console name it. */
    public static final String NAME = "radsec";
    /** Only one realm is named radsec; a realm of the same name with a higher rank would replace this one. */
    static final int RANK = 0;
    private static final String KARAF_JAAS_MODULES = "org.apache.karaf.jaas.modules";
    static final String PROPERTIES_LOGIN_MODULE = "org.apache.karaf.jaas.modules.properties.PropertiesLoginModule";

    @Reference
    private RadiusLoginService login; // the realm is offered only while the login service runs

    private AppConfigurationEntry radius;
    /** Null when Karaf's JAAS modules bundle is not installed: then RADIUS alone. */
    private AppConfigurationEntry local;

    public RadsecJaasRealm() {
    }

    /** Plain-Java use and tests: the entries already made. */
    RadsecJaasRealm(RadiusLoginService login, AppConfigurationEntry radius, AppConfigurationEntry local) {
        this.login = login;
        this.radius = radius;
        this.local = local;
    }

    @Activate
    void activate(BundleContext context) {
        radius = entry(RadiusLoginModule.class.getName(), context.getBundle(), Map.of());
        for (Bundle b : context.getBundles()) {
            if (KARAF_JAAS_MODULES.equals(b.getSymbolicName())) {
                local = entry(PROPERTIES_LOGIN_MODULE, b,
                        Map.of("users", System.getProperty("karaf.etc", "etc") + "/users.properties"));
            }
        }
    }

    /** A {@code sufficient} entry for {@code module} of {@code bundle}, loaded through Karaf's proxy module. */
    private static AppConfigurationEntry entry(String module, Bundle bundle, Map<String, String> moduleOptions) {
        Map<String, Object> options = new HashMap<>(moduleOptions);
        options.put(ProxyLoginModule.PROPERTY_MODULE, module);
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, String.valueOf(bundle.getBundleId()));
        return new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.SUFFICIENT, options);
    }

    /** The entries in {@code order}; without {@code local}, RADIUS alone. */
    static AppConfigurationEntry[] entries(JaasOrder order, AppConfigurationEntry radius, AppConfigurationEntry local) {
        if (local == null) {
            return new AppConfigurationEntry[] {radius};
        }
        return order == JaasOrder.LOCAL_FIRST
                ? new AppConfigurationEntry[] {local, radius}
                : new AppConfigurationEntry[] {radius, local};
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
        AuthSettings settings = login.settings();
        return entries(settings == null ? JaasOrder.RADIUS_FIRST : settings.jaasOrder, radius, local);
    }
}
