package dev.radsec.auth.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import org.junit.jupiter.api.Test;

/**
 * {@code jaas-order}: which module the realm {@code radsec} asks first. Both are sufficient, so the first that
 * accepts decides, and the other is asked only after a refusal (a real Karaf proves it: AuthLoginIT).
 */
class RadsecJaasRealmTest {
    private static final AppConfigurationEntry RADIUS = entry("radius");
    private static final AppConfigurationEntry LOCAL = entry("local");

    private static AppConfigurationEntry entry(String name) {
        return new AppConfigurationEntry(name, LoginModuleControlFlag.SUFFICIENT, Map.of());
    }

    @Test
    void radiusFirstAsksRadiusThenTheLocalUsers() {
        assertArrayEquals(new AppConfigurationEntry[] {RADIUS, LOCAL},
                RadsecJaasRealm.entries(JaasOrder.RADIUS_FIRST, RADIUS, LOCAL));
    }

    @Test
    void localFirstAsksTheLocalUsersThenRadius() {
        assertArrayEquals(new AppConfigurationEntry[] {LOCAL, RADIUS},
                RadsecJaasRealm.entries(JaasOrder.LOCAL_FIRST, RADIUS, LOCAL));
    }

    @Test
    void withoutKarafsModulesRadiusIsAlone() {
        assertArrayEquals(new AppConfigurationEntry[] {RADIUS}, RadsecJaasRealm.entries(JaasOrder.LOCAL_FIRST, RADIUS, null));
    }

    @Test
    void theRealmReadsTheOrderInForceAtEveryLogin() {
        MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();
        RadiusLoginService service = new RadiusLoginService(new ScriptedClient(), cm.admin);
        service.activate(Map.of());
        RadsecJaasRealm realm = new RadsecJaasRealm(service, RADIUS, LOCAL);
        assertArrayEquals(new AppConfigurationEntry[] {RADIUS, LOCAL}, realm.getEntries(), "no configuration: radius-first");
        service.modified(Map.of("service.pid", "dev.radsec.auth", "destination", "1", "jaas-order", "local-first"));
        assertArrayEquals(new AppConfigurationEntry[] {LOCAL, RADIUS}, realm.getEntries());
        service.modified(Map.of("service.pid", "dev.radsec.auth", "destination", "1", "jaas-order", "sideways"));
        assertArrayEquals(new AppConfigurationEntry[] {LOCAL, RADIUS}, realm.getEntries(), "a rejected change: the order stays");
        service.modified(Map.of("service.pid", "dev.radsec.auth", "destination", "1"));
        assertArrayEquals(new AppConfigurationEntry[] {RADIUS, LOCAL}, realm.getEntries());
        assertEquals("radsec", realm.getName());
    }
}
