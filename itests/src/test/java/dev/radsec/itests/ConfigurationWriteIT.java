package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.freeTcpPort;
import static dev.radsec.itests.KarafTestSupport.freeUdpPort;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static dev.radsec.itests.KarafTestSupport.waitFor;
import static dev.radsec.itests.KarafTestSupport.writeAtomically;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.management.DestinationsMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.RelaysMXBean;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RelayMonitor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * Writing the configuration over JMX and the shell in a real Karaf, as an admin and as a viewer: every write goes
 * through ConfigAdmin into a cfg file in {@code etc/} that Karaf keeps (created by create, rewritten by set,
 * deleted by remove), is validated first (a refusal names the key and the reason and leaves the file as it was),
 * and never echoes a secret. A viewer reads but writes nothing: JMX refuses, the shell hides the commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigurationWriteIT extends KarafTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DESTINATION_SECRET = "written-secret-never-echoed";
    private static final String NAS_SECRET = "nas-written-secret-never-echoed";
    private static final PacketCodec CODEC = new PacketCodec(Dictionary.standard());

    @Configuration
    public Option[] config() throws IOException {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-management"), RadsecKaraf.jmxWithLocalUsers()};
    }

    @Test
    public void adminsWriteEverySettingThroughEtcAndViewersWriteNothing() throws Exception {
        Path etc = etc();
        int radsecPort = certificatesAndAHandler(etc);
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf"); JMXConnector viewer = KarafAccess.jmx("viewer", "viewer")) {
            MBeanServerConnection jmx = admin.getMBeanServerConnection();
            listenerCreatedOverJmx(jmx, etc, radsecPort);
            destinationWrittenInTheShell(jmx, etc, radsecPort);
            destinationsOverJmx(jmx, etc, radsecPort);
            relaysOverJmxAndTheShell(jmx, etc);
            listenersAndIncomingInTheShell(jmx, etc);
            viewersReadButWriteNothing(viewer.getMBeanServerConnection(), etc);
            destinationRemoved(jmx, etc);
        }
        String log = new String(Files.readAllBytes(karafLog()));
        assertFalse("a secret in karaf.log", log.contains(DESTINATION_SECRET) || log.contains(NAS_SECRET));
    }

    // ------------------------------------------------------------------------------------------------ parts

    /** A CA, a server and a client certificate, and a handler for the listener {@code written} the test creates. */
    private int certificatesAndAHandler(Path etc) throws Exception {
        CredentialService credentials = services.get(CredentialService.class);
        OrganisationCa ca = services.get(OrganisationCa.class);
        Path radsec = Files.createDirectories(etc.resolve("radsec"));
        ca.create("CN=ConfigurationWrite IT CA", KeyAlgorithm.EC_P256, Duration.ofDays(365));
        ca.issue(CertificateProfile.builder("localhost").dnsName("localhost")
                        .ipAddress(InetAddress.getByName("127.0.0.1")).validity(Duration.ofDays(30)).build(),
                radsec.resolve("server.pem"), radsec.resolve("server.key"));
        ca.issue(CertificateProfile.builder("written-client").usage(CertificateProfile.Usage.CLIENT)
                .validity(Duration.ofDays(30)).build(), radsec.resolve("client.pem"), radsec.resolve("client.key"));
        writeAtomically(etc.resolve("dev.radsec.pki.trust-default.cfg"), "ca = radsec/ca/ca.pem\n");
        writeAtomically(etc.resolve("dev.radsec.pki.certificate-server.cfg"),
                "certificate = radsec/server.pem\nprivate-key = radsec/server.key\n");
        writeAtomically(etc.resolve("dev.radsec.pki.certificate-client.cfg"),
                "certificate = radsec/client.pem\nprivate-key = radsec/client.key\n");
        waitFor("certificates available", TIMEOUT, () -> credentials.certificate("server").isAvailable()
                && credentials.certificate("client").isAvailable() && !credentials.trustAnchors("default").isEmpty(),
                () -> "\n" + credentials.certificates() + "\n" + logTail());
        RadiusRequestHandler handler = (context, request) -> CompletableFuture.completedFuture(
                "alice-pw".equals(request.first("User-Password").map(a -> a.asString()).orElse(""))
                        ? RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).build()
                        : RadiusPacket.builder(PacketCode.ACCESS_REJECT, request.dictionary()).build());
        services.registerHandler("written", handler);
        return freeTcpPort();
    }

    /** JMX {@code dev.radsec:type=Listeners}: create writes etc/dev.radsec.listener-written.cfg, and it listens. */
    private void listenerCreatedOverJmx(MBeanServerConnection jmx, Path etc, int port) throws Exception {
        ObjectName listeners = ObjectNames.listeners();
        waitFor(listeners + " registered", TIMEOUT, () -> KarafAccess.registered(jmx, listeners), this::state);
        jmx.invoke(listeners, "create", new Object[] {"written", "protocol=radsec address=127.0.0.1 port=" + port
                + " tls-certificate=server secret=" + DESTINATION_SECRET},
                new String[] {String.class.getName(), String.class.getName()});
        Path file = etc.resolve("dev.radsec.listener-written.cfg");
        assertTrue(list(etc), Files.exists(file));
        waitForFile(file, "port = " + port); // FileInstall rewrites the file on ConfigAdmin's event: read it after that
        waitForFile(file, "tls-certificate = server");
        ListenerMonitor monitor = services.get(ListenerMonitor.class);
        waitFor("listener written runs", TIMEOUT, () -> monitor.statistics("written").isPresent(), this::state);
        assertTrue(Arrays.asList((String[]) jmx.getAttribute(listeners, "Names")).contains("written"));
        ObjectName bean = ObjectNames.listener("written");
        waitFor(bean + " registered", TIMEOUT, () -> KarafAccess.registered(jmx, bean), this::state);
        assertEquals(port, jmx.getAttribute(bean, "Port"));
        assertEquals("******", jmx.getAttribute(bean, "Secret"));
        assertEquals("the metatype default", "v1.2", jmx.getAttribute(bean, "TlsMinVersion"));
    }

    /** radsec:destination-add writes the file and the destination comes up; set, a refusal, disable and enable. */
    private void destinationWrittenInTheShell(MBeanServerConnection jmx, Path etc, int port) throws Exception {
        String added = shell("radsec:destination-add 7 address=127.0.0.1 port=" + port
                + " protocol=radsec tls-certificate=client secret=" + DESTINATION_SECRET);
        assertTrue(added, added.contains("Destination 7 added in etc/dev.radsec.destination-7.cfg"));
        assertTrue(added, added.contains("secret=******"));
        assertFalse(added, added.contains(DESTINATION_SECRET));
        Path file = etc.resolve("dev.radsec.destination-7.cfg");
        for (String line : List.of("id = 7", "address = 127.0.0.1", "port = " + port, "tls-certificate = client",
                "secret = " + DESTINATION_SECRET)) {
            waitForFile(file, line);
        }
        waitFor("destination 7 UP", TIMEOUT, () -> state(7) == DestinationStatistics.State.UP, this::state);
        assertEquals(PacketCode.ACCESS_ACCEPT, send(7));

        String set = shell("radsec:destination-set 7 max-outstanding=256 comment=\"written by the IT\"");
        assertTrue(set, set.contains("Destination 7 changed in etc/dev.radsec.destination-7.cfg"));
        waitFor("max-outstanding = 256 in the file", TIMEOUT, () -> read(file).contains("max-outstanding = 256"),
                () -> read(file));
        waitForFile(file, "comment = written by the IT");
        waitFor("destination 7 runs with max-outstanding 256", TIMEOUT, () -> "256".equals(
                client().configuration(7).map(c -> c.get("max-outstanding")).orElse(null)), this::state);

        String before = read(file);
        String refused = shell("radsec:destination-set 7 retries=11");
        assertTrue(refused, refused.contains("retries: ") && refused.contains("0-10"));
        String unknown = shell("radsec:destination-set 7 adress=192.0.2.1");
        assertTrue(unknown, unknown.contains("adress: is not a key of dev.radsec.destination"));
        assertEquals("the file is unchanged", before, read(file));
        assertEquals(PacketCode.ACCESS_ACCEPT, send(7));

        String disabled = shell("radsec:destination-disable 7");
        assertTrue(disabled, disabled.contains("Destination 7 disabled"));
        waitFor("destination 7 DISABLED", TIMEOUT, () -> state(7) == DestinationStatistics.State.DISABLED, this::state);
        waitForFile(file, "disabled = true");
        assertEquals(true, jmx.getAttribute(ObjectNames.destination(7), "Disabled"));
        String enabled = shell("radsec:destination-enable 7");
        assertTrue(enabled, enabled.contains("Destination 7 enabled"));
        waitFor("destination 7 UP again", TIMEOUT, () -> state(7) == DestinationStatistics.State.UP, this::state);
        waitFor("disabled gone from the file", TIMEOUT, () -> !read(file).contains("disabled"), () -> read(file));

        // survives a restart of the transport bundle: the configuration is ConfigAdmin's and the file's, no memory
        Bundle transport = RadsecKaraf.bundle(bundleContext, "dev.radsec.transport");
        transport.stop();
        transport.start();
        waitFor("destination 7 UP after the transport restarted", TIMEOUT,
                () -> state(7) == DestinationStatistics.State.UP, this::state);
        assertEquals("256", client().configuration(7).map(c -> c.get("max-outstanding")).orElse(null));
        assertTrue(Files.exists(file));
        assertEquals(PacketCode.ACCESS_ACCEPT, send(7));
    }

    /** JMX {@code dev.radsec:type=Destinations}: create from a map (a proxy's TabularData) and from a line; remove. */
    private void destinationsOverJmx(MBeanServerConnection jmx, Path etc, int port) throws Exception {
        ObjectName name = ObjectNames.destinations();
        DestinationsMXBean destinations = JMX.newMXBeanProxy(jmx, name, DestinationsMXBean.class);
        destinations.create(8, Map.of("address", "127.0.0.1", "port", String.valueOf(port), "tls-certificate", "client",
                "secret", DESTINATION_SECRET));
        assertTrue(list(etc), Files.exists(etc.resolve("dev.radsec.destination-8.cfg")));
        waitFor("destination 8 UP", TIMEOUT, () -> state(8) == DestinationStatistics.State.UP, this::state);
        assertArrayEquals(new int[] {7, 8}, (int[]) jmx.getAttribute(name, "Ids"));
        try {
            destinations.create(8, Map.of("address", "127.0.0.2", "tls-certificate", "client"));
            fail("destination 8 created twice");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("id: destination 8 exists already"));
        }
        try {
            jmx.invoke(name, "create", new Object[] {9, "address=127.0.0.1 tls-certificate=client timeout=0"},
                    new String[] {"int", String.class.getName()});
            fail("timeout 0 accepted");
        } catch (Exception expected) {
            String message = KarafAccess.causes(expected);
            assertTrue(message, message.contains("timeout: "));
        }
        assertFalse(Files.exists(etc.resolve("dev.radsec.destination-9.cfg")));
        destinations.remove(8);
        assertFalse(Files.exists(etc.resolve("dev.radsec.destination-8.cfg")));
        waitFor("destination 8 gone", TIMEOUT, () -> !client().destinations().contains(8), this::state);
    }

    /** Relays: create over JMX, a setting changed by attribute, the relay answers on its new port; the shell too. */
    private void relaysOverJmxAndTheShell(MBeanServerConnection jmx, Path etc) throws Exception {
        RelaysMXBean relays = JMX.newMXBeanProxy(jmx, ObjectNames.relays(), RelaysMXBean.class);
        relays.create("written", Map.of("auth-port", String.valueOf(freeUdpPort()), "acct-port",
                String.valueOf(freeUdpPort()), "clients", "127.0.0.1/32 " + NAS_SECRET, "destinations", "7"));
        Path file = etc.resolve("dev.radsec.relay-written.cfg");
        assertTrue(list(etc), Files.exists(file));
        ObjectName relay = ObjectNames.relay("written");
        waitFor(relay + " registered", TIMEOUT, () -> KarafAccess.registered(jmx, relay), this::state);
        assertEquals("127.0.0.1/32 ******", jmx.getAttribute(relay, "Clients"));
        assertEquals("127.0.0.1", jmx.getAttribute(relay, "ListenAddress"));
        int authPort = freeUdpPort();
        jmx.setAttribute(relay, new Attribute("AuthPort", authPort));
        waitFor("auth-port in the file", TIMEOUT, () -> read(file).contains("auth-port = " + authPort), () -> read(file));
        waitForFile(file, "127.0.0.1/32 " + NAS_SECRET); // the network's secret kept
        RelayMonitor monitor = services.get(RelayMonitor.class);
        waitFor("relay written answers on " + authPort, TIMEOUT, () -> accepts(authPort), this::state);
        try {
            jmx.setAttribute(relay, new Attribute("AuthPort", 70000));
            fail("auth-port 70000 accepted");
        } catch (Exception expected) {
            assertTrue(KarafAccess.causes(expected), KarafAccess.causes(expected).contains("auth-port: "));
        }
        assertEquals(authPort, jmx.getAttribute(relay, "AuthPort"));
        relays.remove("written");
        assertFalse(Files.exists(file));
        waitFor("relay written stopped", TIMEOUT, () -> monitor.relay("written").isEmpty(), this::state);

        String added = shell("radsec:relay-add shell-relay auth-port=" + freeUdpPort() + " acct-port=" + freeUdpPort()
                + " secret=" + NAS_SECRET + " destinations=7");
        assertTrue(added, added.contains("Relay shell-relay added in etc/dev.radsec.relay-shell-relay.cfg"));
        assertFalse(added, added.contains(NAS_SECRET));
        waitFor("relay shell-relay runs", TIMEOUT, () -> monitor.relay("shell-relay").isPresent(), this::state);
        int port = freeUdpPort();
        shell("radsec:relay-set shell-relay auth-port=" + port + " reject-when-unavailable=true");
        waitFor("relay shell-relay answers on " + port, TIMEOUT, () -> accepts(port), this::state);
        String removed = shell("radsec:relay-remove shell-relay");
        assertTrue(removed, removed.contains("Relay shell-relay removed, etc/dev.radsec.relay-shell-relay.cfg deleted"));
        waitFor("relay shell-relay stopped", TIMEOUT, () -> monitor.relay("shell-relay").isEmpty(), this::state);
    }

    /** A listener and incoming through the shell; incoming's file is created by its first setting. */
    private void listenersAndIncomingInTheShell(MBeanServerConnection jmx, Path etc) throws Exception {
        ListenerMonitor monitor = services.get(ListenerMonitor.class);
        String added = shell("radsec:listener-add shell-udp protocol=udp port=" + freeUdpPort()
                + " \"clients=127.0.0.1/32 " + NAS_SECRET + "\"");
        assertTrue(added, added.contains("Listener shell-udp added in etc/dev.radsec.listener-shell-udp.cfg"));
        assertTrue(added, added.contains("clients=127.0.0.1/32 ******"));
        assertFalse(added, added.contains(NAS_SECRET));
        waitFor("listener shell-udp runs", TIMEOUT, () -> monitor.statistics("shell-udp").isPresent(), this::state);
        String set = shell("radsec:listener-set shell-udp duplicate-window=20");
        assertTrue(set, set.contains("Listener shell-udp changed"));
        waitForFile(etc.resolve("dev.radsec.listener-shell-udp.cfg"), "duplicate-window = 20");
        shell("radsec:listener-remove shell-udp");
        assertFalse(Files.exists(etc.resolve("dev.radsec.listener-shell-udp.cfg")));
        waitFor("listener shell-udp stopped", TIMEOUT, () -> monitor.statistics("shell-udp").isEmpty(), this::state);

        int coaPort = freeUdpPort();
        String incoming = shell("radsec:incoming-set accept=true port=" + coaPort + " secret=" + NAS_SECRET);
        assertTrue(incoming, incoming.contains("Incoming changed in etc/dev.radsec.incoming.cfg"));
        assertFalse(incoming, incoming.contains(NAS_SECRET));
        waitFor("incoming listening", TIMEOUT, () -> Boolean.TRUE.equals(attribute(jmx, ObjectNames.incoming(),
                "Listening")), this::state);
        assertEquals(coaPort, jmx.getAttribute(ObjectNames.incoming(), "Port"));
        assertEquals("******", jmx.getAttribute(ObjectNames.incoming(), "Secret"));
        jmx.setAttribute(ObjectNames.incoming(), new Attribute("Accept", false));
        waitFor("incoming off", TIMEOUT, () -> Boolean.FALSE.equals(attribute(jmx, ObjectNames.incoming(),
                "Listening")), this::state);
        waitForFile(etc.resolve("dev.radsec.incoming.cfg"), "accept = false"); // FileInstall writes it on the event
    }

    /** The viewer role reads over JMX and the shell; every write is refused (JMX) or not there (shell). */
    private void viewersReadButWriteNothing(MBeanServerConnection view, Path etc) throws Exception {
        assertArrayEquals(new int[] {7}, (int[]) view.getAttribute(ObjectNames.destinations(), "Ids"));
        assertTrue(view.getAttribute(ObjectNames.relays(), "Names") instanceof String[]);
        assertTrue(view.getAttribute(ObjectNames.listeners(), "Names") instanceof String[]);
        assertEquals(false, view.getAttribute(ObjectNames.incoming(), "Accept"));
        String[] signature = {"int", String.class.getName()};
        refused(() -> view.invoke(ObjectNames.destinations(), "create", new Object[] {9, "address=127.0.0.1"}, signature));
        refused(() -> view.invoke(ObjectNames.destinations(), "remove", new Object[] {7}, new String[] {"int"}));
        String[] named = {String.class.getName(), String.class.getName()};
        refused(() -> view.invoke(ObjectNames.relays(), "create", new Object[] {"v", "secret=x destinations=7"}, named));
        refused(() -> view.invoke(ObjectNames.listeners(), "remove", new Object[] {"written"},
                new String[] {String.class.getName()}));
        refused(() -> view.setAttribute(ObjectNames.incoming(), new Attribute("Accept", true)));
        refused(() -> view.setAttribute(ObjectNames.listener("written"), new Attribute("Port", 1)));
        assertTrue(Files.exists(etc.resolve("dev.radsec.destination-7.cfg")));

        SessionFactory sessions = services.get(SessionFactory.class);
        for (String command : List.of("destination-add 9 address=127.0.0.1", "destination-set 7 timeout=9",
                "destination-remove 7", "destination-disable 7", "destination-enable 7", "relay-add v secret=x",
                "relay-set v secret=x", "relay-remove v", "listener-add v protocol=udp", "listener-set written port=1",
                "listener-remove written", "incoming-set accept=true")) {
            String out = KarafAccess.shellAs(sessions, "radsec:" + command, "viewer", "viewer");
            String verb = command.substring(0, command.indexOf(' '));
            assertTrue(out, out.contains("Command not found: radsec:" + verb));
        }
        String list = KarafAccess.shellAs(sessions, "radsec:destinations", "viewer", "viewer");
        assertTrue(list, list.contains("127.0.0.1"));
        assertFalse(read(etc.resolve("dev.radsec.destination-7.cfg")).contains("timeout = 9"));
    }

    private void destinationRemoved(MBeanServerConnection jmx, Path etc) throws Exception {
        String removed = shell("radsec:destination-remove 7");
        assertTrue(removed, removed.contains("Destination 7 removed, etc/dev.radsec.destination-7.cfg deleted"));
        assertFalse(Files.exists(etc.resolve("dev.radsec.destination-7.cfg")));
        waitFor("destination 7 gone", TIMEOUT, () -> !client().destinations().contains(7), this::state);
        waitFor(ObjectNames.destination(7) + " unregistered", TIMEOUT,
                () -> !KarafAccess.registered(jmx, ObjectNames.destination(7)), this::state);
        String again = shell("radsec:destination-remove 7");
        assertTrue(again, again.contains("id: no destination 7 is configured"));

        // the listener it used: a setting over JMX, then removed over JMX with its file
        ObjectName listener = ObjectNames.listener("written");
        Path file = etc.resolve("dev.radsec.listener-written.cfg");
        jmx.setAttribute(listener, new Attribute("DuplicateWindow", 30));
        waitForFile(file, "duplicate-window = 30");
        assertEquals(30, jmx.getAttribute(listener, "DuplicateWindow"));
        jmx.invoke(ObjectNames.listeners(), "remove", new Object[] {"written"}, new String[] {String.class.getName()});
        assertFalse(Files.exists(file));
        ListenerMonitor monitor = services.get(ListenerMonitor.class);
        waitFor("listener written stopped", TIMEOUT, () -> monitor.statistics("written").isEmpty(), this::state);
        assertFalse(Arrays.asList((String[]) jmx.getAttribute(ObjectNames.listeners(), "Names")).contains("written"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void refused(ThrowingRunnable write) throws Exception {
        try {
            write.run();
            fail("a viewer wrote");
        } catch (SecurityException expected) {
            // refused by the JMX ACL
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private RadiusClient client() {
        try {
            return services.get(RadiusClient.class);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private DestinationStatistics.State state(int id) {
        return client().statistics(id).map(DestinationStatistics::state).orElse(null);
    }

    private String state() {
        return "\ndestinations " + client().destinations() + "\netc: " + list(etc()) + "\n" + logTail();
    }

    private PacketCode send(int id) throws Exception {
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", "alice").add("User-Password", "alice-pw").build();
        return client().send(id, request).toCompletableFuture().get(30, TimeUnit.SECONDS).code();
    }

    /** Whether a relay on 127.0.0.1:port relays alice's request to an Access-Accept. */
    private static boolean accepts(int port) {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            socket.setSoTimeout(2_000);
            RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                    .identifier(5).add("User-Name", "alice").add("User-Password", "alice-pw").build();
            byte[] wire = CODEC.encodeRequest(request, SharedSecret.of(NAS_SECRET));
            socket.send(new DatagramPacket(wire, wire.length, InetAddress.getByName("127.0.0.1"), port));
            byte[] buf = new byte[4096];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            socket.receive(in);
            return (buf[0] & 0xFF) == PacketCode.ACCESS_ACCEPT.code();
        } catch (SocketTimeoutException notYet) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for FileInstall to write a change to the file: it does so on ConfigAdmin's event, after the write. */
    private static void waitForFile(Path file, String text) throws InterruptedException {
        waitFor(text + " in " + file, TIMEOUT, () -> read(file).contains(text), () -> read(file));
    }

    private String shell(String command) throws InterruptedException {
        return KarafAccess.shell(services.get(SessionFactory.class), command);
    }

    private static Object attribute(MBeanServerConnection jmx, ObjectName name, String attribute) {
        try {
            return jmx.getAttribute(name, attribute);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}
