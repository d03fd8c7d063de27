package dev.radsec.management.internal;

import dev.radsec.management.CertificatesMXBean;
import dev.radsec.management.ListenersMXBean;
import dev.radsec.management.PreSharedKeysMXBean;
import dev.radsec.management.RelaysMXBean;
import dev.radsec.management.RewritesMXBean;
import dev.radsec.management.TrustStoresMXBean;
import java.util.Map;

/**
 * {@link RelaysMXBean}, {@link ListenersMXBean}, {@link CertificatesMXBean}, {@link PreSharedKeysMXBean},
 * {@link TrustStoresMXBean} and {@link RewritesMXBean}: the instances of a factory kind named by Karaf, over the store.
 */
final class NamedConfigurationsMBean implements RelaysMXBean, ListenersMXBean, CertificatesMXBean, PreSharedKeysMXBean,
        TrustStoresMXBean, RewritesMXBean {
    private final ConfigurationStore store;
    private final ConfigurationKind kind;

    NamedConfigurationsMBean(ConfigurationStore store, ConfigurationKind kind) {
        this.store = store;
        this.kind = kind;
    }

    @Override
    public String[] getNames() {
        return store.names(kind).toArray(new String[0]);
    }

    @Override
    public void create(String name, Map<String, String> properties) {
        store.create(kind, name, properties == null ? Map.of() : properties);
    }

    @Override
    public void create(String name, String settings) {
        create(name, KeyValues.parse(settings));
    }

    @Override
    public void remove(String name) {
        store.remove(kind, name);
    }
}
