package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.management.CertificateMXBean;
import dev.radsec.management.DestinationMXBean;
import dev.radsec.management.ListenerMXBean;
import dev.radsec.management.Notifications;
import dev.radsec.management.ObjectNames;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CredentialEvent;
import dev.radsec.transport.DestinationStatistics.State;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStateListener;
import dev.radsec.transport.ListenerStatistics;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.SimpleType;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * State changes pushed both ways, as {@link RadsecMBeans} and {@link RadsecEvents} wire them: JMX notifications from
 * the MBean concerned, with open-type user data, and EventAdmin events under {@code dev/radsec/...}, with the same
 * data, in order.
 */
class EventsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final ListenerMonitor NO_LISTENERS = new ListenerMonitor() {
        @Override
        public List<String> listeners() {
            return List.of();
        }

        @Override
        public Optional<ListenerStatistics> statistics(String listenerName) {
            return Optional.empty();
        }
    };
    private static final CertificateStatus CLIENT = CertificateStatus.builder("client")
            .certificate("CN=client", "CN=Org CA", BigInteger.valueOf(0x2a), NOW.minusSeconds(86_400),
                    Instant.parse("2026-12-01T00:00:00Z")).build();

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<Event> posted = new ArrayList<>();
    private final EventAdmin eventAdmin = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            posted.add(event);
        }

        @Override
        public void sendEvent(Event event) {
            throw new AssertionError("synchronous delivery blocks the caller: " + event);
        }
    };
    private final RadsecEvents events = new RadsecEvents(Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run, eventAdmin);
    private final MBeanSet<Integer, DestinationMXBean> destinations = new MBeanSet<>(server, DestinationMXBean.class,
            ObjectNames::destination, id -> DestinationMBean.create(id, null, null, null),
            DestinationMBean::description);
    private final MBeanSet<String, CertificateMXBean> certificates = new MBeanSet<>(server, CertificateMXBean.class,
            ObjectNames::certificate, name -> new CertificateMBean(name, new FixedCredentials(CLIENT),
                    Clock.fixed(NOW, ZoneOffset.UTC)));
    private final MBeanSet<String, ListenerMXBean> listeners = new MBeanSet<>(server, ListenerMXBean.class,
            ObjectNames::listener, name -> ListenerMBean.create(name, NO_LISTENERS,
                    new ConfigurationStore(new MemoryConfigurationAdmin().admin, KeyMetadata.NONE, null)));
    private final List<Notification> heard = new ArrayList<>();

    EventsTest() {
        events.addSink(new JmxNotifications(destinations, certificates, listeners));
        destinations.sync(Set.of(1, 2));
        certificates.sync(Set.of("client"));
        listeners.sync(Set.of("relay-default-auth"));
    }

    private void listenTo(ObjectName name) throws Exception {
        server.addNotificationListener(name, (n, handback) -> heard.add(n), null, null);
    }

    private static Map<String, Object> items(Notification n) {
        CompositeData data = assertInstanceOf(CompositeData.class, n.getUserData());
        Map<String, Object> m = new TreeMap<>();
        for (String key : data.getCompositeType().keySet()) {
            assertInstanceOf(SimpleType.class, data.getCompositeType().getType(key), "open types only: " + key);
            m.put(key, data.get(key));
        }
        return m;
    }

    private static Map<String, Object> properties(Event e) {
        Map<String, Object> m = new TreeMap<>();
        for (String key : e.getPropertyNames()) {
            if (!key.equals("event.topics")) {
                m.put(key, e.getProperty(key));
            }
        }
        return m;
    }

    @Test
    void aDestinationGoingDownThenUpIsNotifiedFromItsMBeanAndPostedInOrder() throws Exception {
        ObjectName one = ObjectNames.destination(1);
        listenTo(one);
        events.stateChanged(1, State.UP, State.DOWN, "connection refused");
        events.stateChanged(2, State.CONNECTING, State.UP, "connected to 192.0.2.2:2083"); // another MBean's
        events.stateChanged(1, State.DOWN, State.UP, "connected to 127.0.0.1:2083 over TLSv1.3");

        assertEquals(2, heard.size(), "destination 1's only: " + heard);
        Notification down = heard.get(0);
        assertEquals(Notifications.DESTINATION_DOWN, down.getType());
        assertEquals(one, down.getSource());
        assertEquals(NOW.toEpochMilli(), down.getTimeStamp());
        assertEquals("Destination 1 is DOWN (was UP): connection refused", down.getMessage());
        assertEquals(Map.of("id", 1, "state", "DOWN", "previousState", "UP", "reason", "connection refused",
                "timestamp", NOW.toEpochMilli()), items(down));
        Notification up = heard.get(1);
        assertEquals(Notifications.DESTINATION_UP, up.getType());
        assertTrue(up.getSequenceNumber() > down.getSequenceNumber());
        assertEquals("DOWN", items(up).get("previousState"));

        assertEquals(List.of("dev/radsec/destination/DOWN", "dev/radsec/destination/UP",
                Notifications.TOPIC_DESTINATION_UP), posted.stream().map(Event::getTopic).toList());
        assertEquals(items(down), properties(posted.get(0)), "the same data both ways");
        assertEquals(2, posted.get(1).getProperty(Notifications.ID));
    }

    @Test
    void theMBeansListTheTypesTheySend() throws Exception {
        assertEquals(Set.of("dev.radsec.destination.connecting", Notifications.DESTINATION_UP,
                Notifications.DESTINATION_DOWN, "dev.radsec.destination.idle", Notifications.DESTINATION_DISABLED),
                types(ObjectNames.destination(1)));
        assertEquals(Set.of(Notifications.CERTIFICATE_UNAVAILABLE, Notifications.CERTIFICATE_REVOKED,
                Notifications.CERTIFICATE_EXPIRING, Notifications.CERTIFICATE_AVAILABLE,
                Notifications.CERTIFICATE_CHANGED, Notifications.CERTIFICATE_REMOVED),
                types(ObjectNames.certificate("client")));
        assertEquals(Set.of(Notifications.LISTENER_LISTENING, Notifications.LISTENER_FAILED,
                Notifications.LISTENER_STOPPED), types(ObjectNames.listener("relay-default-auth")));
    }

    private Set<String> types(ObjectName name) throws Exception {
        return Arrays.stream(server.getMBeanInfo(name).getNotifications())
                .flatMap(i -> Arrays.stream(i.getNotifTypes())).collect(Collectors.toSet());
    }

    @Test
    void aRevokedCertificateIsRevokedAndAMissingOneUnavailableWithTheStatusAndExpiry() throws Exception {
        listenTo(ObjectNames.certificate("client"));
        CertificateStatus revoked = CertificateStatus.builder("client").certificate("CN=client", "CN=Org CA",
                        BigInteger.valueOf(0x2a), NOW.minusSeconds(86_400), Instant.parse("2026-12-01T00:00:00Z"))
                .unavailable(CertificateStatus.Reason.REVOKED, "etc/radsec/client.pem: serial 2a is revoked by a "
                        + "CRL of trust store 'default'").nextRetry(NOW.plusSeconds(300)).build();
        CertificateStatus missing = CertificateStatus.builder("client")
                .unavailable(CertificateStatus.Reason.MISSING, "etc/radsec/client.pem does not exist").build();
        events.credentialChanged(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_UNAVAILABLE, "client", revoked));
        events.credentialChanged(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_UNAVAILABLE, "client", missing));
        events.credentialChanged(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_AVAILABLE, "client", CLIENT));
        events.credentialChanged(new CredentialEvent(CredentialEvent.Kind.TRUST_CHANGED, "default"));

        assertEquals(List.of(Notifications.CERTIFICATE_REVOKED, Notifications.CERTIFICATE_UNAVAILABLE,
                Notifications.CERTIFICATE_AVAILABLE), heard.stream().map(Notification::getType).toList());
        assertEquals(Map.of("name", "client", "state", "REVOKED", "reason",
                "revoked: etc/radsec/client.pem: serial 2a is revoked by a CRL of trust store 'default'",
                "subject", "CN=client", "serial", "2a", "notAfter", "2026-12-01T00:00:00Z",
                "timestamp", NOW.toEpochMilli()), items(heard.get(0)));
        assertEquals("", items(heard.get(1)).get("subject"), "no certificate could be read");
        assertEquals("missing: etc/radsec/client.pem does not exist", items(heard.get(1)).get("reason"));
        assertEquals(List.of("dev/radsec/certificate/REVOKED", Notifications.TOPIC_CERTIFICATE_UNAVAILABLE,
                "dev/radsec/certificate/AVAILABLE"), posted.stream().map(Event::getTopic).toList());
    }

    @Test
    void aCertificateAboutToExpireIsExpiringWithItsNotAfter() throws Exception {
        listenTo(ObjectNames.certificate("client"));
        events.credentialChanged(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_EXPIRING, "client", CLIENT));
        Notification expiring = heard.get(0);
        assertEquals(Notifications.CERTIFICATE_EXPIRING, expiring.getType());
        assertEquals("Certificate client expiring: expires at 2026-12-01T00:00:00Z", expiring.getMessage());
        assertEquals("2026-12-01T00:00:00Z", items(expiring).get(Notifications.NOT_AFTER));
        assertEquals("available", items(expiring).get(Notifications.REASON));
        assertEquals(Notifications.TOPIC_CERTIFICATE_EXPIRING, posted.get(0).getTopic());
    }

    @Test
    void aListenerThatCannotBindIsNotifiedFromItsMBean() throws Exception {
        listenTo(ObjectNames.listener("relay-default-auth"));
        events.stateChanged("relay-default-auth", ListenerStateListener.State.FAILED, "Address already in use");
        assertEquals(Notifications.LISTENER_FAILED, heard.get(0).getType());
        assertEquals("Address already in use", items(heard.get(0)).get("reason"));
        assertEquals("dev/radsec/listener/FAILED", posted.get(0).getTopic());
    }

    @Test
    void aDeletedListenersStoppedIsSentFromItsMBeanBeforeItLeaves() throws Exception {
        ObjectName name = ObjectNames.listener("relay-default-auth");
        listenTo(name);
        listeners.sync(Set.of()); // the look after the deletion finds it gone before the transport's STOPPED came
        assertTrue(server.isRegistered(name), "kept for its last notification");
        events.stateChanged("relay-default-auth", ListenerStateListener.State.STOPPED, "stopped");
        assertEquals(List.of(Notifications.LISTENER_STOPPED), heard.stream().map(Notification::getType).toList());
        assertFalse(server.isRegistered(name), "gone once sent");
    }

    @Test
    void aDeletedCertificatesRemovedIsSentFromItsMBeanBeforeItLeaves() throws Exception {
        ObjectName name = ObjectNames.certificate("client");
        listenTo(name);
        certificates.sync(Set.of());
        events.credentialChanged(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_REMOVED, "client"));
        assertEquals(List.of(Notifications.CERTIFICATE_REMOVED), heard.stream().map(Notification::getType).toList());
        assertFalse(server.isRegistered(name));
    }

    @Test
    void aReconfiguredListenersStoppedLeavesItsMBeanForTheListeningThatFollows() throws Exception {
        ObjectName name = ObjectNames.listener("relay-default-auth");
        listenTo(name);
        listeners.sync(Set.of("relay-default-auth"));
        events.stateChanged("relay-default-auth", ListenerStateListener.State.STOPPED, "stopped");
        events.stateChanged("relay-default-auth", ListenerStateListener.State.LISTENING, "udp 127.0.0.1:1812");
        assertEquals(List.of(Notifications.LISTENER_STOPPED, Notifications.LISTENER_LISTENING),
                heard.stream().map(Notification::getType).toList());
        assertTrue(server.isRegistered(name));
    }

    @Test
    void anMBeanWhoseLastNotificationNeverComesLeavesAtTheNextLook() throws Exception {
        ObjectName listener = ObjectNames.listener("relay-default-auth"); // deleted when it had failed to bind
        ObjectName destination = ObjectNames.destination(2); // a deleted destination sends nothing
        listeners.sync(Set.of());
        destinations.sync(Set.of(1));
        assertTrue(server.isRegistered(listener));
        assertTrue(server.isRegistered(destination));
        listeners.sync(Set.of());
        destinations.sync(Set.of(1));
        assertFalse(server.isRegistered(listener));
        assertFalse(server.isRegistered(destination));
        assertTrue(server.isRegistered(ObjectNames.destination(1)));

        destinations.sync(Set.of());
        destinations.sync(Set.of(1)); // back before the next look: it stays, and a later look starts again
        destinations.sync(Set.of());
        assertTrue(server.isRegistered(ObjectNames.destination(1)));
    }

    @Test
    void withoutEventAdminOrARegisteredMBeanTheOtherWayStillGetsIt() throws Exception {
        RadsecEvents jmxOnly = new RadsecEvents(Clock.fixed(NOW, ZoneOffset.UTC), Runnable::run, null);
        jmxOnly.addSink(new JmxNotifications(new MBeanSet<>(server, DestinationMXBean.class, id ->
                ObjectNames.destination(id + 100), id -> DestinationMBean.create(id, null, null, null)),
                certificates, listeners));
        events.stateChanged(9, State.UP, State.DOWN, "no MBean for 9 yet"); // nobody can listen to it: EventAdmin only
        assertEquals(List.of("dev/radsec/destination/DOWN"), posted.stream().map(Event::getTopic).toList());

        listenTo(ObjectNames.listener("relay-default-auth"));
        jmxOnly.stateChanged("relay-default-auth", ListenerStateListener.State.STOPPED, "stopped");
        assertEquals(List.of(Notifications.LISTENER_STOPPED), heard.stream().map(Notification::getType).toList());
        assertEquals(1, posted.size());
    }

    @Test
    void aSinkThatFailsDoesNotStopTheOthers() {
        events.addSink(e -> {
            throw new IllegalStateException("broken sink");
        });
        List<String> after = new ArrayList<>();
        events.addSink(e -> after.add(e.notificationType()));
        events.stateChanged(1, State.UP, State.DOWN, "reset");
        assertEquals(List.of(Notifications.DESTINATION_DOWN), after);
    }

    @Test
    void notificationInfoNamesTheNotificationClass() throws Exception {
        for (MBeanNotificationInfo info : server.getMBeanInfo(ObjectNames.destination(1)).getNotifications()) {
            assertEquals(Notification.class.getName(), info.getName());
        }
    }
}
