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
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes the RadSec MXBeans in the container's MBeanServer (the one Karaf's JMX connector serves, so its JMX ACL
 * applies): one per destination, relay, listener and local certificate, and the incoming listener's; and the
 * Destinations, Relays and Listeners MBeans that create and remove them. Settings are written through the
 * {@link ConfigurationStore}. The MBeans follow the configuration through an {@link MBeanResync}.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class RadsecMBeans implements ConfigurationListener {

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
    /** Destinations take longer to apply a change than the others: a connection may open. */
    private final MBeanResync resync = new MBeanResync("the RadSec MBeans", "radsec-management-mbeans",
            new long[] {0, 1, 3, 10}, this::sync);

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
        resync.start();
    }

    @Deactivate
    void deactivate() {
        resync.stop();
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
        if (pid != null && pid.startsWith("dev.radsec.")) {
            resync.soon();
        }
    }

    private void sync() {
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
    }
}
