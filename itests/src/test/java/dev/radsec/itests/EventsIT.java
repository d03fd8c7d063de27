package dev.radsec.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.management.Notifications;
import dev.radsec.management.ObjectNames;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.RevocationReason;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * An NMS subscribes instead of polling, in a real Karaf: a JMX notification listener over remote JMX (the RMI URL
 * JConsole uses, as {@code karaf} and as {@code viewer}) and an OSGi EventHandler hear a RadSec destination go DOWN
 * when the server it uses stops and UP when it is back, and local certificates become revoked (the organisation
 * CA revokes one), unavailable (a file deleted) and expiring (replaced by one valid for less than
 * {@code expiry-warning} days).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventsIT extends KarafTestSupport {
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(30);
    /** Reconnects back off up to 60 s (with jitter): the UP after a restart may take that long. */
    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(90);

    @Configuration
    public Option[] config() throws IOException {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-management"), RadsecKaraf.jmxWithLocalUsers()};
    }

    @Test
    public void anNmsHearsDestinationsAndCertificatesChangeOverRemoteJmxAndEventAdmin() throws Exception {
        RadiusClient client = services.get(RadiusClient.class);
        CredentialService credentials = services.get(CredentialService.class);
        Path etc = etc();
        Supplier<String> state = () -> "\ndestination 1: " + client.statistics(1).map(Object::toString).orElse("-")
                + "\ncertificates: " + credentials.certificates() + "\n" + logTail();

        OrganisationCa ca = services.get(OrganisationCa.class);
        Path radsec = Files.createDirectories(etc.resolve("radsec"));
        ca.create("CN=Events IT CA", KeyAlgorithm.EC_P256, Duration.ofDays(365));
        issue(ca, radsec, "server", CertificateProfile.builder("localhost").dnsName("localhost")
                .ipAddress(InetAddress.getByName("127.0.0.1")));
        issue(ca, radsec, "client", CertificateProfile.builder("events-client").usage(CertificateProfile.Usage.CLIENT));
        IssuedCertificate spare = issue(ca, radsec, "spare",
                CertificateProfile.builder("spare").usage(CertificateProfile.Usage.CLIENT));
        IssuedCertificate gone = issue(ca, radsec, "gone",
                CertificateProfile.builder("gone").usage(CertificateProfile.Usage.CLIENT));
        writeAtomically(etc.resolve("dev.radsec.pki.trust-default.cfg"),
                "ca = radsec/ca/ca.pem\ncrl = radsec/ca/crl.pem\n");
        issue(ca, radsec, "short", CertificateProfile.builder("short").usage(CertificateProfile.Usage.CLIENT));
        waitFor("certificates available", FILE_TIMEOUT, () -> Set.of("server", "client", "spare", "gone", "short")
                .stream().allMatch(n -> credentials.certificate(n).isAvailable()), state);

        // the RadSec server destination 1 uses: a listener in this Karaf answering every request
        services.registerHandler("events", (context, request) -> CompletableFuture.completedFuture(
                RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).build()));
        Path listenerCfg = etc.resolve("dev.radsec.listener-events.cfg");
        int port = freeTcpPort();
        String listener = "name = events\nprotocol = radsec\naddress = 127.0.0.1\nport = " + port
                + "\ntls-certificate = server\n";
        writeAtomically(listenerCfg, listener);
        writeAtomically(etc.resolve("dev.radsec.destination-events.cfg"), "id = 1\naddress = 127.0.0.1\nport = "
                + port + "\ntls-certificate = client\n");
        waitFor("destination 1 UP", FILE_TIMEOUT, () -> client.statistics(1)
                .map(s -> s.state() == DestinationStatistics.State.UP).orElse(false), state);

        // an OSGi EventHandler, as another bundle of the container subscribes
        Received<Event> posted = new Received<>(e -> e.getTopic() + " " + e.getProperty(Notifications.REASON));
        Hashtable<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, new String[] {Notifications.TOPIC_DESTINATION_ALL,
                Notifications.TOPIC_CERTIFICATE_ALL, Notifications.TOPIC_LISTENER_ALL});
        services.register(EventHandler.class, posted::add, topics);

        ObjectName destination = ObjectNames.destination(1);
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf");
             JMXConnector viewer = KarafAccess.jmx("viewer", "viewer")) {
            MBeanServerConnection adminJmx = admin.getMBeanServerConnection();
            MBeanServerConnection viewerJmx = viewer.getMBeanServerConnection();
            for (String certificate : List.of("spare", "gone", "short")) {
                ObjectName name = ObjectNames.certificate(certificate);
                waitFor(name + " registered", FILE_TIMEOUT, () -> KarafAccess.registered(viewerJmx, name), state);
            }
            waitFor(destination + " registered", FILE_TIMEOUT, () -> KarafAccess.registered(adminJmx, destination),
                    state);
            ObjectName listenerBean = ObjectNames.listener("events");
            waitFor(listenerBean + " registered", FILE_TIMEOUT, () -> KarafAccess.registered(viewerJmx, listenerBean),
                    state);
            Set<String> types = Arrays.stream(viewerJmx.getMBeanInfo(destination).getNotifications())
                    .flatMap(i -> Arrays.stream(i.getNotifTypes())).collect(Collectors.toSet());
            assertTrue("types listed in MBeanInfo: " + types, types.containsAll(
                    Set.of(Notifications.DESTINATION_DOWN, Notifications.DESTINATION_UP)));

            // viewers may subscribe: the JMX ACL guards attributes and operations, not listening
            Heard asAdmin = Heard.subscribe(adminJmx, destination);
            Heard asViewer = Heard.subscribe(viewerJmx, destination);
            Heard spareHeard = Heard.subscribe(viewerJmx, ObjectNames.certificate("spare"));
            Heard goneHeard = Heard.subscribe(viewerJmx, ObjectNames.certificate("gone"));
            Heard shortHeard = Heard.subscribe(viewerJmx, ObjectNames.certificate("short"));
            Heard listenerHeard = Heard.subscribe(viewerJmx, listenerBean);

            // the server stops: DOWN, with the reason. (The EventHandler may still be told of changes from before it
            // was registered, delivered asynchronously: what follows is picked by time.)
            long stopped = System.currentTimeMillis();
            Files.delete(listenerCfg);
            for (Heard heard : List.of(asAdmin, asViewer)) {
                Notification down = heard.next(Notifications.DESTINATION_DOWN, FILE_TIMEOUT, state);
                assertEquals(destination, down.getSource());
                CompositeData data = (CompositeData) down.getUserData();
                assertEquals(1, data.get(Notifications.ID));
                assertEquals("DOWN", data.get(Notifications.STATE));
                assertEquals("UP", data.get(Notifications.PREVIOUS_STATE));
                assertTrue(String.valueOf(data.get(Notifications.REASON)), !"".equals(data.get(Notifications.REASON)));
            }
            posted.next(e -> e.getTopic().equals("dev/radsec/listener/STOPPED")
                    && "events".equals(e.getProperty(Notifications.NAME)), FILE_TIMEOUT, state);
            // and the deleted listener's MBean sends its STOPPED before it leaves
            assertEquals(listenerBean, listenerHeard.next(Notifications.LISTENER_STOPPED, FILE_TIMEOUT, state)
                    .getSource());
            Event down = posted.next(e -> e.getTopic().equals(Notifications.TOPIC_DESTINATION_DOWN)
                    && since(e, stopped), FILE_TIMEOUT, state);
            assertEquals(1, down.getProperty(Notifications.ID));
            assertEquals("UP", down.getProperty(Notifications.PREVIOUS_STATE));
            assertTrue(down.getProperty(EventConstants.TIMESTAMP) instanceof Long);

            // it is back: UP
            long restarted = System.currentTimeMillis();
            writeAtomically(listenerCfg, listener);
            for (Heard heard : List.of(asAdmin, asViewer)) {
                Notification up = heard.next(Notifications.DESTINATION_UP, RECONNECT_TIMEOUT, state);
                assertEquals("DOWN", ((CompositeData) up.getUserData()).get(Notifications.PREVIOUS_STATE));
            }
            posted.next(e -> e.getTopic().equals("dev/radsec/listener/LISTENING") && since(e, restarted), FILE_TIMEOUT,
                    state);
            posted.next(e -> e.getTopic().equals(Notifications.TOPIC_DESTINATION_UP) && since(e, restarted)
                    && Integer.valueOf(1).equals(e.getProperty(Notifications.ID)), FILE_TIMEOUT, state);

            // the organisation CA revokes a certificate: REVOKED, with its serial
            ca.revoke(spare.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
            CompositeData revoked = (CompositeData) spareHeard.next(Notifications.CERTIFICATE_REVOKED, FILE_TIMEOUT,
                    state).getUserData();
            assertEquals("spare", revoked.get(Notifications.NAME));
            assertEquals(spare.certificate().getSerialNumber().toString(16), revoked.get(Notifications.SERIAL));
            assertEquals(spare.certificate().getNotAfter().toInstant().toString(),
                    revoked.get(Notifications.NOT_AFTER));
            assertTrue(String.valueOf(revoked.get(Notifications.REASON)),
                    String.valueOf(revoked.get(Notifications.REASON)).startsWith("revoked"));
            posted.next(e -> e.getTopic().equals(Notifications.TOPIC_CERTIFICATE_REVOKED)
                    && "spare".equals(e.getProperty(Notifications.NAME)), FILE_TIMEOUT, state);

            // a certificate's file is deleted: UNAVAILABLE, missing
            Files.delete(gone.certificateFile());
            CompositeData missing = (CompositeData) goneHeard.next(Notifications.CERTIFICATE_UNAVAILABLE,
                    FILE_TIMEOUT, state).getUserData();
            assertTrue(String.valueOf(missing.get(Notifications.REASON)),
                    String.valueOf(missing.get(Notifications.REASON)).startsWith("missing"));
            posted.next(e -> e.getTopic().equals(Notifications.TOPIC_CERTIFICATE_UNAVAILABLE)
                    && "gone".equals(e.getProperty(Notifications.NAME)), FILE_TIMEOUT, state);

            // replaced by one valid for 10 days, within the default expiry-warning of 30 days: EXPIRING
            IssuedCertificate renewed = ca.issue(CertificateProfile.builder("short")
                            .usage(CertificateProfile.Usage.CLIENT).validity(Duration.ofDays(10)).build(),
                    radsec.resolve("short-10d.pem"), radsec.resolve("short-10d.key"));
            writeAtomically(etc.resolve("dev.radsec.pki.certificate-short.cfg"),
                    "name = short\ncertificate = radsec/short-10d.pem\nprivate-key = radsec/short-10d.key\n");
            CompositeData expiring = (CompositeData) shortHeard.next(Notifications.CERTIFICATE_EXPIRING,
                    FILE_TIMEOUT, state).getUserData();
            assertEquals(renewed.certificate().getNotAfter().toInstant().toString(),
                    expiring.get(Notifications.NOT_AFTER));
            posted.next(e -> e.getTopic().equals(Notifications.TOPIC_CERTIFICATE_EXPIRING)
                    && "short".equals(e.getProperty(Notifications.NAME)), FILE_TIMEOUT, state);
        }
    }

    private static IssuedCertificate issue(OrganisationCa ca, Path dir, String name, CertificateProfile.Builder profile)
            throws Exception {
        IssuedCertificate issued = ca.issue(profile.validity(Duration.ofDays(90)).build(),
                dir.resolve(name + ".pem"), dir.resolve(name + ".key"));
        writeAtomically(etc().resolve("dev.radsec.pki.certificate-" + name + ".cfg"), "name = " + name
                + "\ncertificate = radsec/" + name + ".pem\nprivate-key = radsec/" + name + ".key\n");
        return issued;
    }

    /** Whether the event happened at or after {@code millis} (the same machine's clock). */
    private static boolean since(Event e, long millis) {
        return (Long) e.getProperty(EventConstants.TIMESTAMP) >= millis;
    }

    /**
     * What a subscriber received, in order. {@link #next} claims the first unclaimed one that matches, waiting for
     * it; the others stay for later claims (the transport tells listener and destination changes on two queues, so
     * a listener's STOPPED and its destination's DOWN may come in either order).
     */
    private static final class Received<T> {
        private final List<T> received = new ArrayList<>();
        private final java.util.Set<Integer> claimed = new java.util.HashSet<>();
        private final java.util.function.Function<T, String> describe;

        Received(java.util.function.Function<T, String> describe) {
            this.describe = describe;
        }

        synchronized void add(T item) {
            received.add(item);
            notifyAll();
        }

        synchronized T next(Predicate<T> wanted, Duration timeout, Supplier<String> state) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (int i = 0; i < received.size(); i++) {
                    if (!claimed.contains(i) && wanted.test(received.get(i))) {
                        claimed.add(i);
                        return received.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("not received within " + timeout.toSeconds() + " s; received " + received.stream()
                            .map(describe).collect(Collectors.toList()) + state.get());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** A JMX notification listener over a remote connection: what one MBean sent, in order. */
    private static final class Heard implements NotificationListener {
        private final Received<Notification> received = new Received<>(n -> n.getType() + ": " + n.getMessage());

        static Heard subscribe(MBeanServerConnection jmx, ObjectName name) throws Exception {
            Heard heard = new Heard();
            jmx.addNotificationListener(name, heard, null, null);
            return heard;
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            received.add(notification);
        }

        /** The next notification of {@code type}, waiting for it. */
        Notification next(String type, Duration timeout, Supplier<String> state) throws InterruptedException {
            return received.next(n -> n.getType().equals(type), timeout, state);
        }
    }
}
