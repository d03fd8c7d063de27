package dev.radsec.management.internal;

import dev.radsec.common.ConfigurationValidator;
import dev.radsec.management.CertificatesMXBean;
import dev.radsec.management.DevelopmentPkiMXBean;
import dev.radsec.management.DictionaryMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.PreSharedKeyMXBean;
import dev.radsec.management.PreSharedKeysMXBean;
import dev.radsec.management.ServerMXBean;
import dev.radsec.management.TrustStoresMXBean;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.PskStatus;
import dev.radsec.transport.RadiusDictionary;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.MBeanServer;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Publishes the MXBeans of the configurations {@link RadsecMBeans} and {@link PkiMBeans} leave out, all written
 * through the {@link ConfigurationStore}: {@code dev.radsec:type=Certificates}, {@code PreSharedKeys} and
 * {@code TrustStores} (create and remove), one {@code dev.radsec:type=PreSharedKey,name=<name>} per configured or
 * known pre-shared key, and the singletons {@code DevelopmentPki}, {@code Server} and {@code Dictionary}. A singleton's
 * MBean is there while the bundle that runs its PID is, as told by that PID's {@link ConfigurationValidator} (the
 * embedded server is an optional feature). The pre-shared key MBeans follow ConfigAdmin's events, at once and again
 * over the next seconds while the PKI applies them, with a slow periodic resync as the safety net.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class ConfigurationMBeans implements ConfigurationListener {

    @Reference
    private MBeanServer server;
    @Reference
    private ConfigurationStore store;
    @Reference
    private PreSharedKeys preSharedKeys;
    @Reference
    private RadiusDictionary dictionary;
    /** The PIDs whose bundles run now: those with a validator. */
    private final Set<String> validated = ConcurrentHashMap.newKeySet();

    private MBeanSet<ConfigurationKind, CertificatesMXBean> certificates;
    private MBeanSet<ConfigurationKind, PreSharedKeysMXBean> preSharedKeysBean;
    private MBeanSet<ConfigurationKind, TrustStoresMXBean> trustStores;
    private MBeanSet<String, PreSharedKeyMXBean> preSharedKeyBeans;
    private MBeanSet<String, DevelopmentPkiMXBean> developmentPki;
    private MBeanSet<String, ServerMXBean> serverBean;
    private MBeanSet<String, DictionaryMXBean> dictionaryBean;
    private final MBeanResync resync = new MBeanResync("the RadSec configuration MBeans",
            "radsec-management-configuration-mbeans", new long[] {0, 1, 3}, this::sync);

    public ConfigurationMBeans() {
    }

    /** Plain-Java use and tests: activate with {@link #activate()}, tell validators with {@link #validatorAdded}. */
    ConfigurationMBeans(MBeanServer server, ConfigurationStore store, PreSharedKeys preSharedKeys,
            RadiusDictionary dictionary) {
        this.server = server;
        this.store = store;
        this.preSharedKeys = preSharedKeys;
        this.dictionary = dictionary;
    }

    @Activate
    void activate() {
        certificates = new MBeanSet<>(server, CertificatesMXBean.class, k -> ObjectNames.certificates(),
                kind -> new NamedConfigurationsMBean(store, kind));
        preSharedKeysBean = new MBeanSet<>(server, PreSharedKeysMXBean.class, k -> ObjectNames.preSharedKeys(),
                kind -> new NamedConfigurationsMBean(store, kind));
        trustStores = new MBeanSet<>(server, TrustStoresMXBean.class, k -> ObjectNames.trustStores(),
                kind -> new NamedConfigurationsMBean(store, kind));
        preSharedKeyBeans = new MBeanSet<>(server, PreSharedKeyMXBean.class, ObjectNames::preSharedKey,
                name -> PreSharedKeyMBean.create(name, preSharedKeys, store), PreSharedKeyMBean.descriptions(store));
        developmentPki = new MBeanSet<>(server, DevelopmentPkiMXBean.class, k -> ObjectNames.developmentPki(),
                k -> ConfiguredSingleton.create(DevelopmentPkiMXBean.class, store, ConfigurationKind.DEVELOPMENT_PKI),
                ConfiguredSingleton.descriptions(DevelopmentPkiMXBean.class, store, ConfigurationKind.DEVELOPMENT_PKI));
        serverBean = new MBeanSet<>(server, ServerMXBean.class, k -> ObjectNames.server(),
                k -> ConfiguredSingleton.create(ServerMXBean.class, store, ConfigurationKind.SERVER),
                ConfiguredSingleton.descriptions(ServerMXBean.class, store, ConfigurationKind.SERVER));
        dictionaryBean = new MBeanSet<>(server, DictionaryMXBean.class, k -> ObjectNames.dictionary(),
                k -> DictionaryMBean.create(dictionary, store), DictionaryMBean.descriptions(store));
        certificates.sync(Set.of(ConfigurationKind.CERTIFICATE));
        preSharedKeysBean.sync(Set.of(ConfigurationKind.PSK));
        trustStores.sync(Set.of(ConfigurationKind.TRUST_STORE));
        resync.start();
    }

    @Deactivate
    void deactivate() {
        resync.stop();
        for (MBeanSet<?, ?> set : new MBeanSet<?, ?>[] {certificates, preSharedKeysBean, trustStores, preSharedKeyBeans,
            developmentPki, serverBean, dictionaryBean}) {
            set.clear();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addValidator(ConfigurationValidator validator, Map<String, Object> properties) {
        Object pid = properties.get(ConfigurationValidator.PID);
        if (pid != null) {
            validatorAdded(pid.toString());
        }
    }

    void removeValidator(ConfigurationValidator validator, Map<String, Object> properties) {
        Object pid = properties.get(ConfigurationValidator.PID);
        if (pid != null) {
            validated.remove(pid.toString());
            resync.soon();
        }
    }

    /** The bundle that runs {@code pid} registered its validator. */
    void validatorAdded(String pid) {
        validated.add(pid);
        resync.soon();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String factory = event.getFactoryPid();
        String pid = factory != null ? factory : event.getPid();
        if (pid != null && pid.startsWith("dev.radsec.")) {
            resync.soon();
        }
    }

    /** Registers what exists now and unregisters what is gone; one at a time, so a later one always has the last word. */
    synchronized void sync() {
        syncSingleton(developmentPki, ConfigurationKind.DEVELOPMENT_PKI);
        syncSingleton(serverBean, ConfigurationKind.SERVER);
        syncSingleton(dictionaryBean, ConfigurationKind.DICTIONARY);
        Set<String> keys = new HashSet<>(store.names(ConfigurationKind.PSK));
        for (PskStatus s : preSharedKeys.statuses()) {
            keys.add(s.name());
        }
        preSharedKeyBeans.sync(keys);
    }

    private void syncSingleton(MBeanSet<String, ?> set, ConfigurationKind kind) {
        set.sync(validated.contains(kind.pid()) ? Set.of(kind.noun()) : Set.of());
    }
}
