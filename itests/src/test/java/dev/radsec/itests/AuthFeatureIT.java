package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.freeUdpPort;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static dev.radsec.itests.KarafTestSupport.waitFor;
import static dev.radsec.itests.KarafTestSupport.writeAtomically;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import dev.radsec.auth.LoginResult;
import dev.radsec.auth.RadiusLogin;
import dev.radsec.auth.UserMappings;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.RadiusRequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
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
 * Feature {@code radsec-auth} in a real Karaf: JMX logins go through the JAAS realm {@code radsec}
 * ({@code jmxRealm = radsec}) to a RADIUS server in the same container; the role comes from the user's mapping
 * (policy {@code admins} is role {@code admin}, {@code viewers} is {@code viewer}), and Karaf's local users stay the
 * fallback. Mappings are made through the service, the shell and JMX, and land in {@code etc/}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthFeatureIT extends KarafTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "auth-it-secret-never-shown";
    private static final ObjectName AUTH = name("dev.radsec:type=Auth");


    @Configuration
    public Option[] config() throws IOException {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-management", "radsec-auth"),
                RadsecKaraf.jmxWithLocalUsers(),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "jmxRealm", "radsec")};
    }

    @Test
    public void jmxLoginsGoThroughRadiusWithRolesFromTheMappings() throws Exception {
        RadiusLogin login = services.get(RadiusLogin.class);
        UserMappings mappings = services.get(UserMappings.class);
        Path etc = etc();
        Supplier<String> state = () -> "\n" + logTail();

        // the RADIUS server: a UDP listener in this Karaf that knows alice and vera
        RadiusRequestHandler server = (context, request) -> {
            String user = request.first("User-Name").map(a -> a.asString()).orElse("");
            String password = request.first("User-Password").map(a -> a.asString()).orElse("");
            boolean ok = password.equals(user + "-pw") && (user.equals("alice") || user.equals("vera"));
            return CompletableFuture.completedFuture(ok
                    ? RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).add("Session-Timeout", 600).build()
                    : RadiusPacket.builder(PacketCode.ACCESS_REJECT, request.dictionary()).build());
        };
        services.registerHandler("auth-it", server);
        int port = freeUdpPort();
        writeAtomically(etc.resolve("dev.radsec.listener-authit.cfg"), "name = auth-it\nprotocol = udp\n"
                + "address = 127.0.0.1\nport = " + port + "\nclients = 127.0.0.1/32\nsecret = " + SECRET + "\n");
        writeAtomically(etc.resolve("dev.radsec.auth.cfg"), "host = 127.0.0.1\nport = " + port + "\nsecret = " + SECRET
                + "\nread-timeout = 3\npolicy-roles = admins=admin, viewers=viewer\n");

        // mappings: through the service API, then the shell; each is a cfg file in etc/
        mappings.put("alice", List.of("admins"));
        waitFor("etc/dev.radsec.auth.user-alice.cfg", TIMEOUT,
                () -> Files.exists(etc.resolve("dev.radsec.auth.user-alice.cfg")), () -> KarafTestSupport.list(etc) + state.get());
        // a mapping an operator writes as a file is seen by the service
        writeAtomically(etc.resolve("dev.radsec.auth.user-dora.cfg"), "username = dora\npolicies = ops, auditors\n");
        waitFor("dora's mapping from etc/", TIMEOUT, () -> mappings.get("dora").isPresent(), state);
        assertEquals(List.of("ops", "auditors"), mappings.get("dora").orElseThrow().policies());
        String added = shell("radsec:auth-user-add vera viewers");
        assertTrue(added, added.contains("vera -> viewers"));
        assertTrue(shell("radsec:auth-user-list").contains("vera"));
        assertTrue(shell("radsec:auth-user-show alice").contains("alice -> admins"));

        waitFor("alice logs in", TIMEOUT, () -> login.login("alice", "alice-pw").isLoggedIn(), state);
        LoginResult alice = login.login(" alice ", "alice-pw");
        assertEquals(List.of("admins", "default"), alice.policies());
        assertEquals(Duration.ofMinutes(10), alice.leaseDuration().orElseThrow());
        assertEquals(LoginResult.Outcome.REJECTED, login.login("alice", "wrong").outcome());

        // JMX as RADIUS users: alice (admins -> admin) reads and changes; vera (viewers -> viewer) only reads
        try (JMXConnector asAlice = KarafAccess.jmx("alice", "alice-pw"); JMXConnector asVera = KarafAccess.jmx("vera", "vera-pw")) {
            MBeanServerConnection a = asAlice.getMBeanServerConnection();
            waitFor(AUTH + " registered", TIMEOUT, () -> KarafAccess.registered(a, AUTH), state);
            assertTrue(String.join(",", (String[]) a.getAttribute(AUTH, "Users")).contains("alice"));
            a.invoke(AUTH, "addUser", new Object[] {"bob", "ops,auditors"},
                    new String[] {String.class.getName(), String.class.getName()});
            assertEquals("ops,auditors", a.invoke(AUTH, "showUser", new Object[] {"bob"}, new String[] {String.class.getName()}));
            waitFor("etc/dev.radsec.auth.user-bob.cfg", TIMEOUT,
                    () -> Files.exists(etc.resolve("dev.radsec.auth.user-bob.cfg")), state);

            MBeanServerConnection v = asVera.getMBeanServerConnection();
            assertArrayEquals((String[]) a.getAttribute(AUTH, "Users"), (String[]) v.getAttribute(AUTH, "Users"));
            try {
                v.invoke(AUTH, "removeUser", new Object[] {"bob"}, new String[] {String.class.getName()});
                fail("a viewer removed a mapping");
            } catch (SecurityException expected) {
                // refused by the ACL: vera's role is viewer
            }
            assertEquals(true, a.invoke(AUTH, "removeUser", new Object[] {"bob"}, new String[] {String.class.getName()}));
            waitFor("etc/dev.radsec.auth.user-bob.cfg gone", TIMEOUT,
                    () -> !Files.exists(etc.resolve("dev.radsec.auth.user-bob.cfg")), state);
            assertFalse(mappings.get("bob").isPresent());
            @SuppressWarnings("unchecked")
            Map<String, Long> failed = toMap(a.getAttribute(AUTH, "FailedAttempts"));
            assertTrue("failed attempts " + failed, failed.getOrDefault("alice", 0L) >= 1);
        }

        // a wrong password, an unknown user: no JMX session
        for (String[] credentials : new String[][] {{"alice", "wrong"}, {"mallory", "mallory-pw"}}) {
            try (JMXConnector refused = KarafAccess.jmx(credentials[0], credentials[1])) {
                fail(credentials[0] + " logged in with a wrong password");
            } catch (SecurityException expected) {
                // refused by the realm
            }
        }
        // Karaf's local users remain the fallback of the realm
        try (JMXConnector local = KarafAccess.jmx("karaf", "karaf")) {
            assertTrue(local.getMBeanServerConnection().isRegistered(AUTH));
        }
        assertFalse("the secret in karaf.log", logTail().contains(SECRET));
        assertFalse("a password in karaf.log", logTail().contains("alice-pw"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A MXBean's Map attribute arrives as TabularData of key/value rows. */
    private static Map<String, Long> toMap(Object tabular) {
        Map<String, Long> m = new java.util.HashMap<>();
        for (Object row : ((javax.management.openmbean.TabularData) tabular).values()) {
            javax.management.openmbean.CompositeData c = (javax.management.openmbean.CompositeData) row;
            m.put((String) c.get("key"), (Long) c.get("value"));
        }
        return m;
    }


    private String shell(String command) throws InterruptedException {
        return KarafAccess.shell(services.get(SessionFactory.class), command);
    }
}
