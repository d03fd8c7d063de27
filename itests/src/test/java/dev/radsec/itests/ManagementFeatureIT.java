package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.freeTcpPort;
import static dev.radsec.itests.KarafTestSupport.freeUdpPort;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static dev.radsec.itests.KarafTestSupport.waitFor;
import static dev.radsec.itests.KarafTestSupport.writeAtomically;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.management.ObjectNames;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.math.BigInteger;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.security.auth.Subject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Feature {@code radsec-management} in a real Karaf, used the way an operator does: over a remote JMX connection
 * (the RMI URL JConsole uses, users from {@code users.properties}) and through the shell commands. A RadSec
 * destination talks to a listener in the same container; a relay and the incoming listener take datagrams from
 * the test acting as a NAS.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManagementFeatureIT extends KarafTestSupport {
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(30);
    private static final String DESTINATION_SECRET = "destination-secret-never-shown";
    private static final String NAS_SECRET = "nas-secret-never-shown";
    private static final PacketCodec CODEC = new PacketCodec(Dictionary.standard());


    @Configuration
    public Option[] config() throws IOException {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-management"), RadsecKaraf.jmxWithLocalUsers()};
    }

    @Test
    public void operatorsManageTheStackOverRemoteJmxAndTheShell() throws Exception {
        RadiusClient client = services.get(RadiusClient.class);
        CredentialService credentials = services.get(CredentialService.class);
        Path etc = etc();
        Supplier<String> state = () -> "\ndestinations " + client.destinations() + ": "
                + client.statistics(1).map(Object::toString).orElse("-") + "\ncertificates: "
                + credentials.certificates() + "\n" + logTail();

        BigInteger clientSerial = radsecDestinationToAListenerInThisKaraf(etc, credentials, client, state);
        ObjectName destination = ObjectNames.destination(1);
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf"); JMXConnector viewer = KarafAccess.jmx("viewer", "viewer")) {
            MBeanServerConnection jmx = admin.getMBeanServerConnection();
            waitFor(destination + " registered", FILE_TIMEOUT, () -> KarafAccess.registered(jmx, destination), state);

            // configuration and live state, secret masked
            assertEquals("UP", jmx.getAttribute(destination, "State"));
            assertEquals(true, jmx.getAttribute(destination, "Up"));
            assertEquals("127.0.0.1", jmx.getAttribute(destination, "Address"));
            assertEquals("******", jmx.getAttribute(destination, "Secret"));
            assertEquals(5, jmx.getAttribute(destination, "Timeout"));
            assertEquals("over RadSec TLS protects the answer", "false",
                    jmx.getAttribute(destination, "RequireMessageAuth"));
            assertEquals(120, jmx.getAttribute(destination, "IdReuseTimeout"));
            assertEquals("v1.2", jmx.getAttribute(destination, "TlsMinVersion"));
            assertTrue(String.valueOf(jmx.getAttribute(destination, "TlsVersion")).startsWith("TLSv1."));
            assertTrue(String.valueOf(jmx.getAttribute(destination, "PeerSubject")).contains("CN=localhost"));
            assertEquals(1, jmx.getAttribute(destination, "Connections"));

            // counters move by exactly the traffic sent: 3 accepts, 2 rejects
            long requests = (Long) jmx.getAttribute(destination, "Requests");
            long accepts = (Long) jmx.getAttribute(destination, "Accepts");
            long rejects = (Long) jmx.getAttribute(destination, "Rejects");
            for (int i = 0; i < 3; i++) {
                send(client, "alice", "alice-pw");
            }
            for (int i = 0; i < 2; i++) {
                send(client, "alice", "wrong");
            }
            assertEquals(requests + 5, jmx.getAttribute(destination, "Requests"));
            assertEquals(accepts + 3, jmx.getAttribute(destination, "Accepts"));
            assertEquals(rejects + 2, jmx.getAttribute(destination, "Rejects"));
            assertEquals(0L, jmx.getAttribute(destination, "Pending"));
            assertEquals(0L, jmx.getAttribute(destination, "Timeouts"));

            // testAuthentication: a readable result, and one more request counted
            String test = (String) jmx.invoke(destination, "testAuthentication", new Object[] {"alice", "alice-pw"},
                    new String[] {String.class.getName(), String.class.getName()});
            assertTrue(test, test.startsWith("Access-Accept in ") && test.contains("Reply-Message = hello from karaf"));
            assertFalse(test, test.contains("alice-pw"));
            assertEquals(requests + 6, jmx.getAttribute(destination, "Requests"));

            jmx.invoke(destination, "resetStatistics", null, null);
            assertEquals(0L, jmx.getAttribute(destination, "Requests"));
            assertEquals(0L, jmx.getAttribute(destination, "Accepts"));

            // a write goes through ConfigAdmin into the cfg file, and applies without a new connection
            Path cfg = etc.resolve("dev.radsec.destination-mgmt.cfg");
            jmx.setAttribute(destination, new Attribute("Timeout", 7));
            waitFor("timeout = 7 in " + cfg, FILE_TIMEOUT, () -> read(cfg).matches("(?s).*\\btimeout\\s*=\\s*\"?7\"?\\s.*"),
                    () -> "\n" + read(cfg) + state.get());
            waitFor("destination 1 runs with timeout 7", FILE_TIMEOUT,
                    () -> "7".equals(client.configuration(1).map(c -> c.get("timeout")).orElse(null)), state);
            assertEquals(7, jmx.getAttribute(destination, "Timeout"));
            assertEquals("the same connection carries on", 1, jmx.getAttribute(destination, "Connections"));
            assertEquals(PacketCode.ACCESS_ACCEPT, send(client, "alice", "alice-pw"));

            // an invalid write is refused with the key and the range; the running configuration stays
            try {
                jmx.setAttribute(destination, new Attribute("Timeout", 0));
                fail("timeout 0 accepted");
            } catch (Exception e) {
                String message = KarafAccess.causes(e);
                assertTrue(message, message.contains("timeout: 0s is outside 100ms-300s"));
            }
            assertEquals(7, jmx.getAttribute(destination, "Timeout"));
            assertTrue(read(cfg), read(cfg).matches("(?s).*\\btimeout\\s*=\\s*\"?7\"?\\s.*"));

            // require-message-auth is a string of three values; our listener signs, so "true" keeps answers coming
            jmx.setAttribute(destination, new Attribute("RequireMessageAuth", "true"));
            waitFor("destination 1 runs with require-message-auth true", FILE_TIMEOUT,
                    () -> "true".equals(client.configuration(1).map(c -> c.get("require-message-auth")).orElse(null)),
                    state);
            assertEquals(PacketCode.ACCESS_ACCEPT, send(client, "alice", "alice-pw"));
            try {
                jmx.setAttribute(destination, new Attribute("RequireMessageAuth", "yes"));
                fail("require-message-auth yes accepted");
            } catch (Exception e) {
                String message = KarafAccess.causes(e);
                assertTrue(message, message.contains("require-message-auth") && message.contains("true, false, auto"));
            }

            // the viewer role reads, but neither writes nor invokes (etc/jmx.acl.dev.radsec.cfg, shipped by the feature)
            String acl = read(etc.resolve("jmx.acl.dev.radsec.cfg"));
            assertTrue(acl, acl.contains("set* = admin") && acl.contains("reconnect = admin"));
            MBeanServerConnection view = viewer.getMBeanServerConnection();
            assertEquals(7, view.getAttribute(destination, "Timeout"));
            assertEquals("UP", view.getAttribute(destination, "State"));
            try {
                view.setAttribute(destination, new Attribute("Timeout", 9));
                fail("a viewer changed the timeout");
            } catch (SecurityException expected) {
                // refused by the ACL
            }
            try {
                view.invoke(destination, "resetStatistics", null, null);
                fail("a viewer reset the counters");
            } catch (SecurityException expected) {
                // refused by the ACL
            }
            assertEquals(7, jmx.getAttribute(destination, "Timeout"));

            certificateMBean(jmx);
            relayMBean(jmx, etc, state);
            incomingMBean(jmx, etc, state);
            shellCommands(clientSerial);
            for (String secretText : new String[] {DESTINATION_SECRET, NAS_SECRET}) {
                assertFalse("a secret in karaf.log", logTail().contains(secretText));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ parts

    /** CA, server and client certificates, a RadSec listener with a handler, and destination 1 pointing at it. */
    private BigInteger radsecDestinationToAListenerInThisKaraf(Path etc, CredentialService credentials,
            RadiusClient client, Supplier<String> state) throws Exception {
        OrganisationCa ca = services.get(OrganisationCa.class);
        Path radsec = Files.createDirectories(etc.resolve("radsec"));
        ca.create("CN=Management IT CA", KeyAlgorithm.EC_P256, Duration.ofDays(365));
        ca.issue(CertificateProfile.builder("localhost").dnsName("localhost")
                        .ipAddress(InetAddress.getByName("127.0.0.1")).validity(Duration.ofDays(30)).build(),
                radsec.resolve("server.pem"), radsec.resolve("server.key"));
        IssuedCertificate clientCertificate = ca.issue(CertificateProfile.builder("mgmt-client")
                        .usage(CertificateProfile.Usage.CLIENT).validity(Duration.ofDays(30)).build(),
                radsec.resolve("client.pem"), radsec.resolve("client.key"));
        writeAtomically(etc.resolve("dev.radsec.pki.trust-default.cfg"), "ca = radsec/ca/ca.pem\n");
        writeAtomically(etc.resolve("dev.radsec.pki.certificate-server.cfg"),
                "name = server\ncertificate = radsec/server.pem\nprivate-key = radsec/server.key\n");
        writeAtomically(etc.resolve("dev.radsec.pki.certificate-client.cfg"),
                "name = client\ncertificate = radsec/client.pem\nprivate-key = radsec/client.key\n");
        waitFor("certificates available", FILE_TIMEOUT, () -> credentials.certificate("server").isAvailable()
                && credentials.certificate("client").isAvailable() && !credentials.trustAnchors("default").isEmpty(), state);

        RadiusRequestHandler handler = (context, request) -> {
            boolean ok = "alice-pw".equals(request.first("User-Password").map(a -> a.asString()).orElse(""));
            return CompletableFuture.completedFuture(ok
                    ? RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary())
                            .add("Reply-Message", "hello from karaf").build()
                    : RadiusPacket.builder(PacketCode.ACCESS_REJECT, request.dictionary()).build());
        };
        services.registerHandler("mgmt", handler);
        int port = freeTcpPort();
        writeAtomically(etc.resolve("dev.radsec.listener-mgmt.cfg"), "name = mgmt\nprotocol = radsec\n"
                + "address = 127.0.0.1\nport = " + port + "\ntls-certificate = server\nsecret = " + DESTINATION_SECRET + "\n");
        writeAtomically(etc.resolve("dev.radsec.destination-mgmt.cfg"), "id = 1\naddress = 127.0.0.1\nport = " + port
                + "\ntls-certificate = client\nsecret = " + DESTINATION_SECRET + "\n");
        waitFor("destination 1 UP", FILE_TIMEOUT, () -> client.statistics(1)
                .map(s -> s.state() == DestinationStatistics.State.UP).orElse(false), state);
        return clientCertificate.certificate().getSerialNumber();
    }

    private void certificateMBean(MBeanServerConnection jmx) throws Exception {
        ObjectName name = ObjectNames.certificate("client");
        waitFor(name + " registered", FILE_TIMEOUT, () -> KarafAccess.registered(jmx, name), () -> "");
        assertEquals("available", jmx.getAttribute(name, "Status"));
        assertTrue(String.valueOf(jmx.getAttribute(name, "Subject")).contains("CN=mgmt-client"));
        assertTrue(String.valueOf(jmx.getAttribute(name, "Issuer")).contains("CN=Management IT CA"));
        long days = (Long) jmx.getAttribute(name, "DaysToExpiry");
        assertTrue("days to expiry " + days, days == 29 || days == 30);
        assertEquals("", jmx.getAttribute(name, "NextRetry"));
    }

    /** A relay to destination 1; the test is the NAS. */
    private void relayMBean(MBeanServerConnection jmx, Path etc, Supplier<String> state) throws Exception {
        int authPort = freeUdpPort();
        writeAtomically(etc.resolve("dev.radsec.relay-mgmt.cfg"), "name = mgmt\nauth-port = " + authPort
                + "\nacct-port = " + freeUdpPort() + "\nclients = 127.0.0.1/32\nsecret = " + NAS_SECRET
                + "\ndestinations = 1\n");
        ObjectName relay = ObjectNames.relay("mgmt");
        waitFor(relay + " registered", FILE_TIMEOUT, () -> KarafAccess.registered(jmx, relay), state);
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard()).identifier(3)
                .add("User-Name", "alice").add("User-Password", "alice-pw").build();
        byte[] wire = CODEC.encodeRequest(request, SharedSecret.of(NAS_SECRET));
        byte[] answer = exchange(authPort, wire);
        assertEquals(PacketCode.ACCESS_ACCEPT.code(), answer[0] & 0xFF);
        waitFor("relay counters", FILE_TIMEOUT, () -> attribute(jmx, relay, "Forwarded").equals(1L), state);
        assertEquals(1L, jmx.getAttribute(relay, "Requests"));
        assertEquals(0L, jmx.getAttribute(relay, "NoDestination"));
        CompositeData[] networks = (CompositeData[]) jmx.getAttribute(relay, "Networks");
        CompositeData row = Arrays.stream(networks).filter(n -> "127.0.0.1/32".equals(n.get("network"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row 127.0.0.1/32 in " + Arrays.toString(networks)));
        assertEquals(1L, row.get("requests"));
        assertEquals(1L, row.get("forwarded"));
        assertTrue(Arrays.toString((String[]) jmx.getAttribute(relay, "Listeners")).contains("relay-mgmt-auth"));
    }

    /** The incoming listener without a handler: a Disconnect-Request is answered NAK 503. */
    private void incomingMBean(MBeanServerConnection jmx, Path etc, Supplier<String> state) throws Exception {
        ObjectName incoming = ObjectNames.incoming();
        waitFor(incoming + " registered", FILE_TIMEOUT, () -> KarafAccess.registered(jmx, incoming), state);
        assertEquals(false, jmx.getAttribute(incoming, "Listening"));
        int port = freeUdpPort();
        writeAtomically(etc.resolve("dev.radsec.incoming.cfg"), "accept = true\nport = " + port
                + "\nclients = 127.0.0.1/32\nsecret = " + NAS_SECRET + "\n");
        waitFor("incoming listening", FILE_TIMEOUT, () -> attribute(jmx, incoming, "Listening").equals(true), state);
        RadiusPacket disconnect = RadiusPacket.builder(PacketCode.DISCONNECT_REQUEST, Dictionary.standard())
                .identifier(9).add("User-Name", "alice").add("Acct-Session-Id", "s-1").build();
        byte[] answer = exchange(port, CODEC.encodeRequest(disconnect, SharedSecret.of(NAS_SECRET)));
        assertEquals(PacketCode.DISCONNECT_NAK.code(), answer[0] & 0xFF);
        assertEquals(1L, jmx.getAttribute(incoming, "DisconnectReceived"));
        assertEquals(0L, jmx.getAttribute(incoming, "CoaReceived"));
        assertEquals(1L, jmx.getAttribute(incoming, "Naks"));
        assertEquals(0L, jmx.getAttribute(incoming, "Acks"));
    }

    private void shellCommands(BigInteger clientSerial) throws Exception {
        String destinations = shell("radsec:destinations");
        assertTrue(destinations, destinations.contains("UP") && destinations.contains("127.0.0.1"));

        String monitor = shell("radsec:monitor 1 --count 1");
        assertTrue(monitor, monitor.contains("requests:") && monitor.contains("state: UP"));

        String test = shell("radsec:test 1 alice alice-pw");
        assertTrue(test, test.contains("Access-Accept in ") && test.contains("hello from karaf"));
        assertTrue(shell("radsec:test 1 alice wrong"), shell("radsec:test 1 alice wrong").contains("Access-Reject"));

        // the shell ACL (etc/org.apache.karaf.command.acl.radsec.cfg): a viewer lists, but does not reset
        SessionFactory sessions = services.get(SessionFactory.class);
        String viewerList = KarafAccess.shellAs(sessions, "radsec:destinations", "viewer", "viewer");
        assertTrue(viewerList, viewerList.contains("UP"));
        String viewerReset = KarafAccess.shellAs(sessions, "radsec:reset 1", "viewer", "viewer");
        assertFalse(viewerReset, viewerReset.contains("Counters of destination 1 reset"));
        // Karaf hides a command the ACL denies: to a viewer it does not exist
        assertTrue(viewerReset, viewerReset.contains("Command not found: radsec:reset"));

        String reset = shell("radsec:reset 1");
        assertTrue(reset, reset.contains("reset"));
        assertTrue(shell("radsec:monitor 1 --count 1").matches("(?s).*\\brequests: 0\\b.*"));

        String certificates = shell("radsec:certificates");
        assertTrue(certificates, certificates.contains("client") && certificates.contains("available"));

        String relays = shell("radsec:relays");
        assertTrue(relays, relays.contains("mgmt") && relays.contains("127.0.0.1/32"));

        String again = shell("radsec:ca-create");
        assertTrue(again, again.toLowerCase().contains("exist"));

        String issued = shell("radsec:ca-issue ap-1 --dns ap-1.example --ip 127.0.0.2");
        assertTrue(issued, issued.contains("Issued CN=ap-1") && issued.contains("ap-1.crt"));
        assertFalse(issued, issued.contains("PRIVATE KEY"));

        String revoked = shell("radsec:ca-revoke " + clientSerial.toString(16));
        assertTrue(revoked, revoked.contains("Revoked serial " + clientSerial.toString(16)));

        for (String output : new String[] {destinations, monitor, test, certificates, relays, issued}) {
            assertFalse(output, output.contains(DESTINATION_SECRET) || output.contains(NAS_SECRET));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers




    private static PacketCode send(RadiusClient client, String user, String password) throws Exception {
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", user).add("User-Password", password).build();
        return client.send(1, request).toCompletableFuture().get(30, TimeUnit.SECONDS).code();
    }

    /** Sends a datagram to 127.0.0.1:port and returns the answer. */
    private static byte[] exchange(int port, byte[] wire) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            socket.setSoTimeout(20_000);
            socket.send(new DatagramPacket(wire, wire.length, InetAddress.getByName("127.0.0.1"), port));
            byte[] buf = new byte[4096];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            socket.receive(in);
            return Arrays.copyOf(buf, in.getLength());
        }
    }

    /**
     * Relay files without a name key are named by their file, as Karaf names factory configurations, so a second
     * relay no longer clashes with the first; one made with config:edit --factory --alias gets the alias.
     */
    @Test
    public void relaysAreNamedByTheirFilesAndAliases() throws Exception {
        RelayMonitor relays = services.get(RelayMonitor.class);
        Path etc = etc();
        for (String name : List.of("branch-a", "branch-b")) {
            writeAtomically(etc.resolve("dev.radsec.relay-" + name + ".cfg"), "auth-port = "
                    + freeUdpPort() + "\nacct-port = " + freeUdpPort()
                    + "\nsecret = " + NAS_SECRET + "\ndestinations = 1\n");
        }
        // As an operator of Karaf's admingroup: config:edit needs the manager role (etc/org.apache.karaf.command.acl.config.cfg).
        String printed = KarafAccess.shellAs(services.get(SessionFactory.class), "config:edit --factory --alias campus dev.radsec.relay; "
                + "config:property-set auth-port " + freeUdpPort() + "; "
                + "config:property-set acct-port " + freeUdpPort() + "; "
                + "config:property-set secret " + NAS_SECRET + "; "
                + "config:property-set destinations 1; config:update", "karaf", "admin", "manager", "viewer");
        waitFor("relays branch-a, branch-b and campus running side by side", FILE_TIMEOUT,
                () -> relays.relay("branch-a").isPresent() && relays.relay("branch-b").isPresent()
                        && relays.relay("campus").isPresent(),
                () -> "\nrelays: " + relays.relays().stream().map(RelayStatistics::name).collect(Collectors.toList())
                        + "\nconfig:edit printed: " + printed + "\n" + logTail());
        String log = logTail();
        assertFalse("no clash: " + log, log.contains("is already a listener's name"));
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
