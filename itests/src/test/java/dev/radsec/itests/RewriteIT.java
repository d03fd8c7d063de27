package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.freeUdpPort;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static dev.radsec.itests.KarafTestSupport.waitFor;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.management.ObjectNames;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RelayMonitor;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import javax.management.Attribute;
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

/**
 * Rewrites (issue 20) in a real Karaf with the {@code radsec} feature: made with {@code radsec:rewrite-add}, named by a
 * relay's {@code realm-rewrites} and a destination's {@code rewrite-out}, applied to a request on its way to a server
 * of the test's own (which answers with a VLAN and tells what it got) and to the answer on its way back; counted in
 * JMX {@code dev.radsec:type=Rewrite,name=<name>} and {@code radsec:rewrites}; a bad regex refused with its key; a
 * viewer reads but cannot write; a rewrite removed drops what it applied to.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RewriteIT extends KarafTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String NAS_SECRET = "rewrite-it-nas-secret";
    private static final String SERVER_SECRET = "rewrite-it-server-secret";
    private static final PacketCodec CODEC = new PacketCodec(Dictionary.standard());

    @Configuration
    public Option[] config() throws java.io.IOException {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec"), RadsecKaraf.jmxWithLocalUsers()};
    }

    @Test
    public void aRelayAppliesItsRealmsAndItsDestinationsRewritesCountedInJmxAndTheShell() throws Exception {
        Path etc = etc();
        // the server: Access-Accept with a VLAN, and in Reply-Message the Operator-Name and NAS-Identifier it got
        RadiusRequestHandler server = (context, request) -> CompletableFuture.completedFuture(
                RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary())
                        .add("Tunnel-Type", 1, "VLAN").add("Tunnel-Private-Group-Id", 1, "100")
                        .add("Reply-Message", request.first("Operator-Name").map(a -> a.asString()).orElse("-")
                                + "|" + request.first("NAS-Identifier").map(a -> a.asString()).orElse("-"))
                        .build());
        services.registerHandler("rewrite-it", server);
        int serverPort = freeUdpPort();
        int authPort = freeUdpPort();
        shell("radsec:listener-add rewrite-it protocol=udp address=127.0.0.1 port=" + serverPort
                + " \"clients=127.0.0.1/32 " + SERVER_SECRET + "\"");

        String added = shell("radsec:rewrite-add eduroam-visited"
                + " \"remove=reply:Tunnel-Type, reply:Tunnel-Private-Group-Id\""
                + " \"supplement=request:Operator-Name = 1example.org\"");
        assertTrue(added, added.contains("Rewrite eduroam-visited added in etc/dev.radsec.rewrite-eduroam-visited.cfg"));
        shell("radsec:rewrite-add stamp \"set=request:NAS-Identifier = relay-41\"");
        shell("radsec:destination-add 41 address=127.0.0.1 protocol=udp port=" + serverPort + " secret=" + SERVER_SECRET
                + " status-server=0 rewrite-out=stamp");
        shell("radsec:relay-add rewrite-it auth-port=" + authPort + " acct-port=" + freeUdpPort() + " secret="
                + NAS_SECRET + " destinations=41 \"realm-rewrites=*=eduroam-visited\"");
        RelayMonitor relays = services.get(RelayMonitor.class);
        waitFor("relay rewrite-it runs", TIMEOUT, () -> relays.relay("rewrite-it").isPresent(), this::state);

        RadiusPacket[] answer = new RadiusPacket[1];
        waitFor("an answer through the relay", TIMEOUT, () -> (answer[0] = exchange(authPort)) != null, this::state);
        assertEquals(PacketCode.ACCESS_ACCEPT, answer[0].code());
        assertEquals("the server got Operator-Name from the realm's rewrite, NAS-Identifier from the destination's",
                "1example.org|relay-41", answer[0].first("Reply-Message").orElseThrow().asString());
        assertTrue("no VLAN for the NAS", answer[0].first("Tunnel-Type").isEmpty()
                && answer[0].first("Tunnel-Private-Group-Id").isEmpty());

        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf"); JMXConnector viewer = KarafAccess.jmx("viewer", "viewer")) {
            MBeanServerConnection jmx = admin.getMBeanServerConnection();
            ObjectName visited = ObjectNames.rewrite("eduroam-visited");
            waitFor(visited + " registered", TIMEOUT, () -> KarafAccess.registered(jmx, visited), this::state);
            assertEquals(true, jmx.getAttribute(visited, "Active"));
            assertTrue((Long) jmx.getAttribute(visited, "Packets") >= 2);
            assertTrue((Long) jmx.getAttribute(visited, "Removed") >= 2);
            assertTrue((Long) jmx.getAttribute(visited, "Added") >= 1);
            assertEquals("reply:Tunnel-Type, reply:Tunnel-Private-Group-Id", jmx.getAttribute(visited, "Remove"));
            assertEquals("stamp", jmx.getAttribute(ObjectNames.destination(41), "RewriteOut"));
            assertEquals("*=eduroam-visited", jmx.getAttribute(ObjectNames.relay("rewrite-it"), "RealmRewrites"));
            assertTrue(Arrays.asList((String[]) jmx.getAttribute(ObjectNames.rewrites(), "Names"))
                    .containsAll(java.util.List.of("eduroam-visited", "stamp")));

            Path file = etc.resolve("dev.radsec.rewrite-eduroam-visited.cfg");
            String before = Files.readString(file, StandardCharsets.UTF_8);
            String bad = shell("radsec:rewrite-set eduroam-visited \"modify=User-Name = /[/x/\"");
            assertTrue(bad, bad.contains("modify: '[' is not a regular expression"));
            try {
                jmx.setAttribute(visited, new Attribute("Remove", "Tunel-Type"));
                fail("an unknown attribute accepted");
            } catch (Exception expected) {
                assertTrue(KarafAccess.causes(expected), KarafAccess.causes(expected)
                        .contains("remove: 'Tunel-Type' is not an attribute of the dictionary"));
            }
            assertEquals("the file stays as it was", before, Files.readString(file, StandardCharsets.UTF_8));

            String listing = shell("radsec:rewrites");
            assertTrue(listing, listing.contains("eduroam-visited") && listing.contains("applied"));

            MBeanServerConnection view = viewer.getMBeanServerConnection();
            assertEquals("reply:Tunnel-Type, reply:Tunnel-Private-Group-Id", view.getAttribute(visited, "Remove"));
            try {
                view.setAttribute(visited, new Attribute("Remove", "Class"));
                fail("a viewer wrote");
            } catch (SecurityException expected) {
                // the JMX ACL
            }
            SessionFactory sessions = services.get(SessionFactory.class);
            String viewerList = KarafAccess.shellAs(sessions, "radsec:rewrites", "viewer", "viewer");
            assertTrue(viewerList, viewerList.contains("eduroam-visited"));
            String viewerAdd = KarafAccess.shellAs(sessions, "radsec:rewrite-add x remove=Class", "viewer", "viewer");
            assertTrue(viewerAdd, viewerAdd.contains("Command not found: radsec:rewrite-add"));

            // the destination's rewrite gone: requests do not leave without it
            String removed = shell("radsec:rewrite-remove stamp");
            assertTrue(removed, removed.contains("Rewrite stamp removed"));
            waitFor(ObjectNames.rewrite("stamp") + " unregistered", TIMEOUT,
                    () -> !KarafAccess.registered(jmx, ObjectNames.rewrite("stamp")), this::state);
            assertNull("no answer without the destination's policy", exchange(authPort));
        }
    }

    /** alice's Access-Request to the relay on {@code port}; its answer, or null after 2 s. */
    private static RadiusPacket exchange(int port) {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            socket.setSoTimeout(2_000);
            RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                    .identifier(9).add("User-Name", "alice").add("User-Password", "alice-pw").build();
            byte[] wire = CODEC.encodeRequest(request, SharedSecret.of(NAS_SECRET));
            socket.send(new DatagramPacket(wire, wire.length, InetAddress.getByName("127.0.0.1"), port));
            byte[] buf = new byte[4096];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            socket.receive(in);
            return CODEC.decodeResponse(Arrays.copyOf(buf, in.getLength()), wire, SharedSecret.of(NAS_SECRET));
        } catch (SocketTimeoutException noAnswer) {
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String shell(String command) throws InterruptedException {
        return KarafAccess.shell(services.get(SessionFactory.class), command);
    }

    private String state() {
        return "\n" + logTail();
    }
}
