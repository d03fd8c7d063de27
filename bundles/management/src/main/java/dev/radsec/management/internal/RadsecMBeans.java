package dev.radsec.management.internal;

import dev.radsec.management.CertificateMXBean;
import dev.radsec.management.DestinationMXBean;
import dev.radsec.management.DestinationsMXBean;
import dev.radsec.management.IncomingMXBean;
import dev.radsec.management.ListenerMXBean;
import dev.radsec.management.ListenersMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.RelayMXBean;
import dev.radsec.management.RelaysMXBean;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CredentialService;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * Publishes the RadSec MXBeans in the container's MBeanServer (the one Karaf's JMX connector serves, so its JMX ACL
 * applies): one per destination, relay, listener and local certificate, and the incoming listener's; and the
 * Destinations, Relays and Listeners MBeans that create and remove them. Settings are written through the
 * {@link ConfigurationStore}. The MBeans follow the configuration: a change in ConfigAdmin resyncs at once and again over the next seconds, while the components
 * apply it (they do so asynchronously, after the event), and a slow periodic resync is the safety net. Nothing runs
 * every few seconds on a quiet system: a relay's CPU per request at a moderate rate counts this too.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class RadsecMBeans implements ConfigurationListener {
    private static final Logger LOG = LoggerFactory.getLogger(RadsecMBeans.class);
    /** The safety net's period. */
    private static final long RESYNC_SECONDS = 60;
    /** After a configuration event: when to look again while components apply it. */
    private static final long[] AFTER_CHANGE_SECONDS = {0, 1, 3, 10};

    @Reference
    private MBeanServer server;
    @Reference
    private RadiusClient client;
    @Reference
    private dev.radsec.transport.RadiusDictionary dictionary;
    @Reference
    private RelayMonitor relays;
    @Reference
    private ListenerMonitor listeners;
    @Reference
    private CredentialService pki;
    /** Writes settings through ConfigAdmin, validated first; also lists what is configured but does not run. */
    @Reference
    private ConfigurationStore store;
    /** State changes pushed as JMX notifications from the destination, certificate and listener MBeans. */
    @Reference
    private RadsecEvents events;
    private JmxNotifications notifications;

    private MBeanSet<Integer, DestinationMXBean> destinations;
    private MBeanSet<String, RelayMXBean> relayBeans;
    private MBeanSet<String, CertificateMXBean> certificates;
    private MBeanSet<String, IncomingMXBean> incoming;
    private MBeanSet<String, ListenerMXBean> listenerBeans;
    private DestinationConfigurations configurations;
    /** Destinations, Relays and Listeners: one each, for as long as this component runs. */
    private MBeanSet<String, DestinationsMXBean> destinationsBean;
    private MBeanSet<ConfigurationKind, RelaysMXBean> relaysBean;
    private MBeanSet<ConfigurationKind, ListenersMXBean> listenersBean;
    private ScheduledExecutorService resync;

    @Activate
    void activate() {
        Clock clock = Clock.systemUTC();
        configurations = new DestinationConfigurations(store);
        TestAuthentication tester = new TestAuthentication(client, dictionary, clock);
        destinations = new MBeanSet<>(server, DestinationMXBean.class, ObjectNames::destination,
                id -> DestinationMBean.create(id, client, configurations, tester), DestinationMBean::description);
        relayBeans = new MBeanSet<>(server, RelayMXBean.class, ObjectNames::relay,
                name -> RelayMBean.create(name, relays, store), RelayMBean.descriptions(store));
        certificates = new MBeanSet<>(server, CertificateMXBean.class, ObjectNames::certificate,
                name -> new CertificateMBean(name, pki, clock, store), CertificateMBean.descriptions(store));
        incoming = new MBeanSet<>(server, IncomingMXBean.class, k -> ObjectNames.incoming(),
                k -> IncomingMBean.create(listeners, store), IncomingMBean.descriptions(store));
        listenerBeans = new MBeanSet<>(server, ListenerMXBean.class, ObjectNames::listener,
                name -> ListenerMBean.create(name, listeners, store), ListenerMBean.descriptions(store));
        destinationsBean = new MBeanSet<>(server, DestinationsMXBean.class, k -> ObjectNames.destinations(),
                k -> new DestinationsMBean(store));
        relaysBean = new MBeanSet<>(server, RelaysMXBean.class, k -> ObjectNames.relays(),
                kind -> new NamedConfigurationsMBean(store, kind));
        listenersBean = new MBeanSet<>(server, ListenersMXBean.class, k -> ObjectNames.listeners(),
                kind -> new NamedConfigurationsMBean(store, kind));
        destinationsBean.sync(Set.of("destinations"));
        relaysBean.sync(Set.of(ConfigurationKind.RELAY));
        listenersBean.sync(Set.of(ConfigurationKind.LISTENER));
        notifications = new JmxNotifications(destinations, certificates, listenerBeans); // before the first sync
        events.addSink(notifications);
        resync = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "radsec-management-mbeans");
            t.setDaemon(true);
            return t;
        });
        syncSoon(); // components starting beside this one apply their configurations over the next seconds
        resync.scheduleWithFixedDelay(this::sync, RESYNC_SECONDS, RESYNC_SECONDS, TimeUnit.SECONDS);
    }

    private void syncSoon() {
        for (long delay : AFTER_CHANGE_SECONDS) {
            resync.schedule(this::sync, delay, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        resync.shutdownNow();
        events.removeSink(notifications);
        destinationsBean.clear();
        relaysBean.clear();
        listenersBean.clear();
        destinations.clear();
        relayBeans.clear();
        certificates.clear();
        incoming.clear();
        listenerBeans.clear();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String factory = event.getFactoryPid();
        String pid = factory != null ? factory : event.getPid();
        if (pid != null && pid.startsWith("dev.radsec.") && resync != null && !resync.isShutdown()) {
            syncSoon();
        }
    }

    private void sync() {
        try {
            Set<Integer> ids = new HashSet<>(client.destinations());
            ids.addAll(configurations.ids());
            destinations.sync(ids);
            // configured ones too, running or not: a refused configuration is mended over JMX
            Set<String> relayNames = relays.relays().stream().map(RelayStatistics::name)
                    .collect(Collectors.toCollection(HashSet::new));
            relayNames.addAll(store.names(ConfigurationKind.RELAY));
            relayBeans.sync(relayNames);
            certificates.sync(pki.certificates().stream().map(CertificateStatus::name).collect(Collectors.toSet()));
            incoming.sync(Set.of("incoming"));
            Set<String> listenerNames = new HashSet<>(listeners.listeners());
            listenerNames.addAll(store.names(ConfigurationKind.LISTENER));
            listenerBeans.sync(listenerNames);
        } catch (RuntimeException e) {
            LOG.warn("Resyncing the RadSec MBeans failed; next try in {} s", RESYNC_SECONDS, e);
        }
    }
}
