package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.waitFor;
import static dev.radsec.itests.KarafTestSupport.writeAtomically;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.Radclient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the real distribution ({@code assembly/target/assembly}), not Pax Exam: started with
 * {@code bin/karaf server} on its default ports, used with radclient (the way {@code radtest} is), remote JMX from
 * this JVM and {@code bin/client}, a second destination to a real FreeRADIUS whose certificate the distribution's
 * own CA issued, and stopped with {@code bin/stop}. Then the {@code radsec} feature in a plain Karaf 4.4.10, the way
 * an NMS such as OpenNMS takes it.
 */
class DistributionIT {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final String NAS_SECRET = "testing123";
    @TempDir
    Path dir;

    @BeforeEach
    void peers() {
        Peers.assumeInstalled(Radclient.BINARY, Radclient.PACKAGE);
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
    }

    private Radclient.Result radclient(int port, String command, String input) throws Exception {
        return Radclient.start(Files.createTempDirectory(dir, "radclient"), new InetSocketAddress("127.0.0.1", port),
                command, NAS_SECRET, input).await(Duration.ofSeconds(30));
    }

    private Radclient.Result login(String user, String password) throws Exception {
        return radclient(1812, "auth", "User-Name = \"" + user + "\",\nUser-Password = \"" + password
                + "\",\nMessage-Authenticator = 0x00");
    }

    @Test
    void theDistributionWorksOutOfTheBoxAndStopsCleanly() throws Exception {
        Path distribution = Path.of(RadsecKaraf.property("radsec.assembly"));
        try (KarafProcess karaf = KarafProcess.copyOf(distribution, dir)) {
            karaf.start();
            waitFor("destination 1 up (karaf.log)", BOOT,
                    () -> karaf.logText().contains("Destination 1 (127.0.0.1:2083) is up"), karaf::logTail);
            String log = karaf.logText();
            assertTrue(log.contains("Development PKI created"), "first boot creates the development PKI");
            assertTrue(Files.exists(karaf.etc().resolve("radsec/ca/ca.pem")));
            assertTrue(Files.exists(karaf.etc().resolve("radsec/users")));

            // radtest's request, through the relay, RadSec and the embedded server
            Radclient.Result accept = login("alice", "alice-pw");
            assertTrue(accept.output().contains("Received Access-Accept"), accept.output() + karaf.logTail());
            assertTrue(accept.output().contains("Reply-Message = \"Hello, alice\""), accept.output());
            Radclient.Result reject = login("alice", "wrong");
            assertTrue(reject.output().contains("Received Access-Reject"), reject.output());
            Radclient.Result accounting = radclient(1813, "acct",
                    "Acct-Status-Type = Start,\nUser-Name = \"alice\",\nAcct-Session-Id = \"e2e-1\"");
            assertTrue(accounting.output().contains("Received Accounting-Response"), accounting.output());

            // counters over remote JMX from this JVM, as JConsole reads them
            try (JMXConnector jmx = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi://localhost:44444/jndi/rmi://localhost:1099/karaf-root"),
                    Map.of(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"}))) {
                MBeanServerConnection c = jmx.getMBeanServerConnection();
                ObjectName destination = new ObjectName("dev.radsec:type=Destination,id=1");
                waitFor("destination 1 MBean", Duration.ofSeconds(20), () -> KarafAccess.registered(c, destination), karaf::logTail);
                assertEquals("UP", c.getAttribute(destination, "State"));
                assertEquals(1L, c.getAttribute(destination, "Accepts"));
                assertEquals(1L, c.getAttribute(destination, "Rejects"));
                ObjectName relay = new ObjectName("dev.radsec:type=Relay,name=default");
                assertEquals(3L, c.getAttribute(relay, "Forwarded"));
            }
            String monitor = karaf.client("karaf", "karaf", "radsec:monitor 1 --count 1");
            assertTrue(monitor.contains("accepts: 1"), monitor);

            // destination 2: a real FreeRADIUS with a certificate from the distribution's CA; realm example.org
            String issued = karaf.client("karaf", "karaf",
                    "radsec:ca-issue freeradius --dns localhost --ip 127.0.0.1 --usage server");
            assertTrue(issued.contains("Issued CN=freeradius"), issued);
            Path certs = karaf.etc().resolve("radsec/certs");
            try (FreeRadiusProcess fr = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("fr")))
                    .secret("fr-udp-secret").users("carol@example.org Cleartext-Password := \"carol-pw\"\n"
                            + "\tReply-Message = \"hello from freeradius\"\n")
                    .radsec(0, karaf.etc().resolve("radsec/ca/ca.pem"), certs.resolve("freeradius.crt"),
                            certs.resolve("freeradius.key")).debug(false).start()) {
                writeAtomically(karaf.etc().resolve("dev.radsec.destination-2.cfg"), "id = 2\naddress = 127.0.0.1\nport = "
                        + fr.radsecPort() + "\ntls-certificate = client\n");
                Path relayCfg = karaf.etc().resolve("dev.radsec.relay-default.cfg");
                writeAtomically(relayCfg, Files.readString(relayCfg) + "realms = example.org=2, *=1\n");
                waitFor("destination 2 up", BOOT, () -> karaf.logText().contains("Destination 2 (127.0.0.1:"
                        + fr.radsecPort() + ") is up"), karaf::logTail);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                Radclient.Result carol;
                do { // the relay re-reads its cfg on fileinstall's next poll
                    carol = login("carol@example.org", "carol-pw");
                } while (!carol.output().contains("hello from freeradius") && System.nanoTime() < deadline);
                assertTrue(carol.output().contains("Received Access-Accept")
                        && carol.output().contains("hello from freeradius"), carol.output() + karaf.logTail());
                assertTrue(login("alice", "alice-pw").output().contains("Hello, alice"), "other users still go to 1");
            }

            assertTrue(karaf.stop(Duration.ofSeconds(60)), "bin/stop ended Karaf\n" + karaf.logTail());
            assertEquals(List.of(), karaf.leftovers(), "processes left running");
            assertFalse(karaf.logText().contains(NAS_SECRET), "the NAS secret in karaf.log");
        }
    }

    @Test
    void theRadsecFeatureInstallsIntoAPlainKaraf() throws Exception {
        String version = RadsecKaraf.property("radsec.version");
        String karafVersion = RadsecKaraf.property("karaf.version");
        Path tarball = Path.of(RadsecKaraf.property("maven.repo.local"), "org/apache/karaf/apache-karaf", karafVersion,
                "apache-karaf-" + karafVersion + ".tar.gz");
        Path unpacked = Files.createDirectories(dir.resolve("plain"));
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        Path home = unpacked.resolve("apache-karaf-" + karafVersion);
        // what an operator does first on a plain Karaf: a user, and Maven resolution from the local repository
        Path users = home.resolve("etc/users.properties");
        writeAtomically(users, Files.readString(users).replace("#karaf = karaf,_g_:admingroup", "karaf = karaf,_g_:admingroup")
                .replace("#_g_\\:admingroup", "_g_\\:admingroup"));
        Path mvn = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        writeAtomically(mvn, Files.readString(mvn) + "\norg.ops4j.pax.url.mvn.localRepository = "
                + RadsecKaraf.property("maven.repo.local") + "\n");
        try (KarafProcess karaf = KarafProcess.copyOf(home, dir.resolve("run"))) {
            karaf.start();
            String added = karaf.client("karaf", "karaf", "feature:repo-add mvn:dev.radsec/radsec-features/" + version
                    + "/xml/features\nfeature:install radsec\nbundle:list -s");
            for (String bundle : List.of("dev.radsec.codec", "dev.radsec.common", "dev.radsec.pki", "dev.radsec.transport",
                    "dev.radsec.relay", "dev.radsec.management", "dev.radsec.auth")) {
                assertTrue(added.lines().anyMatch(line -> line.contains(" " + bundle) && line.contains("Active")),
                        bundle + " active:\n" + added + karaf.logTail());
            }
            String commands = karaf.client("karaf", "karaf", "radsec:destinations\nradsec:certificates");
            assertTrue(commands.contains("Id") && commands.contains("Name"), commands);
            assertFalse(karaf.logText().contains("dev.radsec.server"), "radsec does not bring the demo server");
            assertTrue(karaf.stop(Duration.ofSeconds(60)), "bin/stop ended Karaf");
        }
    }
}
