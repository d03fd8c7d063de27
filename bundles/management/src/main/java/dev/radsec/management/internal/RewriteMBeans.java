package dev.radsec.management.internal;

import dev.radsec.management.ObjectNames;
import dev.radsec.management.RewriteMXBean;
import dev.radsec.management.RewritesMXBean;
import dev.radsec.relay.RewriteMonitor;
import dev.radsec.relay.RewriteStatistics;
import java.util.HashSet;
import java.util.Set;
import javax.management.MBeanServer;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes {@code dev.radsec:type=Rewrites} (create and remove) and one {@code dev.radsec:type=Rewrite,name=<name>}
 * per configured rewrite, running or refused, written through the {@link ConfigurationStore}. They follow
 * ConfigAdmin's events, at once and again over the next seconds while the relay applies them, with a slow periodic
 * resync as the safety net.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class RewriteMBeans implements ConfigurationListener {

    @Reference
    private MBeanServer server;
    @Reference
    private ConfigurationStore store;
    @Reference
    private RewriteMonitor rewrites;

    private MBeanSet<ConfigurationKind, RewritesMXBean> collection;
    private MBeanSet<String, RewriteMXBean> beans;
    private final MBeanResync resync = new MBeanResync("the rewrite MBeans", "radsec-management-rewrite-mbeans",
            new long[] {0, 1, 3}, this::sync);

    public RewriteMBeans() {
    }

    /** Plain-Java use and tests: activate with {@link #activate()}. */
    RewriteMBeans(MBeanServer server, ConfigurationStore store, RewriteMonitor rewrites) {
        this.server = server;
        this.store = store;
        this.rewrites = rewrites;
    }

    @Activate
    void activate() {
        collection = new MBeanSet<>(server, RewritesMXBean.class, k -> ObjectNames.rewrites(),
                kind -> new NamedConfigurationsMBean(store, kind));
        beans = new MBeanSet<>(server, RewriteMXBean.class, ObjectNames::rewrite,
                name -> RewriteMBean.create(name, rewrites, store), RewriteMBean.descriptions(store));
        collection.sync(Set.of(ConfigurationKind.REWRITE));
        resync.start();
    }

    @Deactivate
    void deactivate() {
        resync.stop();
        beans.clear();
        collection.clear();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (ConfigurationKind.REWRITE.pid().equals(event.getFactoryPid())) {
            resync.soon();
        }
    }

    /** Registers the rewrites configured or running now, and unregisters the others. */
    synchronized void sync() {
        Set<String> names = new HashSet<>(store.names(ConfigurationKind.REWRITE));
        for (RewriteStatistics s : rewrites.rewrites()) {
            names.add(s.name());
        }
        beans.sync(names);
    }
}
