package dev.radsec.management.internal;

import dev.radsec.management.ObjectNames;
import dev.radsec.management.RewriteMXBean;
import dev.radsec.management.RewritesMXBean;
import dev.radsec.relay.RewriteMonitor;
import dev.radsec.relay.RewriteStatistics;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code dev.radsec:type=Rewrites} (create and remove) and one {@code dev.radsec:type=Rewrite,name=<name>}
 * per configured rewrite, running or refused, written through the {@link ConfigurationStore}. They follow
 * ConfigAdmin's events, at once and again over the next seconds while the relay applies them, with a slow periodic
 * resync as the safety net.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class RewriteMBeans implements ConfigurationListener {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteMBeans.class);
    private static final long RESYNC_SECONDS = 60;
    private static final long[] AFTER_CHANGE_SECONDS = {0, 1, 3};

    @Reference
    private MBeanServer server;
    @Reference
    private ConfigurationStore store;
    @Reference
    private RewriteMonitor rewrites;

    private MBeanSet<ConfigurationKind, RewritesMXBean> collection;
    private MBeanSet<String, RewriteMXBean> beans;
    private volatile ScheduledExecutorService resync;

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
        resync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radsec-management-rewrite-mbeans");
            t.setDaemon(true);
            return t;
        });
        syncSoon();
        resync.scheduleWithFixedDelay(this::sync, RESYNC_SECONDS, RESYNC_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        resync.shutdownNow();
        beans.clear();
        collection.clear();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (ConfigurationKind.REWRITE.pid().equals(event.getFactoryPid())) {
            syncSoon();
        }
    }

    private void syncSoon() {
        ScheduledExecutorService executor = resync;
        if (executor == null) {
            return;
        }
        try {
            for (long delay : AFTER_CHANGE_SECONDS) {
                executor.schedule(this::sync, delay, TimeUnit.SECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            // deactivated meanwhile
        }
    }

    /** Registers the rewrites configured or running now, and unregisters the others. */
    synchronized void sync() {
        try {
            Set<String> names = new HashSet<>(store.names(ConfigurationKind.REWRITE));
            for (RewriteStatistics s : rewrites.rewrites()) {
                names.add(s.name());
            }
            beans.sync(names);
        } catch (RuntimeException e) {
            LOG.warn("Resyncing the rewrite MBeans failed; next try in {} s", RESYNC_SECONDS, e);
        }
    }
}
