package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.logTail;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Vault's {@code login} and the writable auth settings in a real Karaf, as admin ({@code karaf}) and as viewer
 * ({@code viewer}): JMX {@code dev.radsec:type=Auth} {@code login(user, password)} and {@code radsec:auth-login}
 * (password prompted, never echoed), counted as JAAS logins are; every key of {@code dev.radsec.auth} a writable
 * attribute that lands in {@code etc/dev.radsec.auth.cfg}, refused when invalid; {@code jaas-order} deciding whether
 * RADIUS or {@code etc/users.properties} answers first; a mapping with empty policies; {@code radsec:auth-user-remove}.
 *
 * <p>The RADIUS server is a UDP listener in the same Karaf; it accepts {@code <user>/<user>-pw} for alice, sam and
 * erin, with Session-Timeout 600, and counts the requests per user. {@code sam} is also a local user
 * ({@code sam-pw}, role viewer), mapped in RADIUS to {@code admins} (role admin): whose answer counts shows the order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthLoginIT extends KarafTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String LISTENER = "auth-login-it";
    private static final String SECRET = "auth-login-it-secret-never-shown";
    private static final String OTHER_SECRET = "auth-login-it-second-secret-never-shown";
    private static final ObjectName AUTH = name("dev.radsec:type=Auth");
    private static final String[] TWO_STRINGS = {String.class.getName(), String.class.getName()};
    private static final String[] ONE_STRING = {String.class.getName()};

    /** The configuration files are written once per Karaf; every test registers its own server. */
    private static boolean configured;

    /** RADIUS requests per username since this test's server was registered. */
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Supplier<String> state = () -> "\n" + logTail();

    @Configuration
    public Option[] config() throws IOException {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-management", "radsec-auth"),
                RadsecKaraf.jmxWithLocalUsers(),
                editConfigurationFilePut("etc/users.properties", "sam", "sam-pw,viewer"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "jmxRealm", "radsec")};
    }

    @Before
    public void radiusServer() throws Exception {
        RadiusRequestHandler server = (context, request) -> {
            String user = request.first("User-Name").map(a -> a.asString()).orElse("");
            String password = request.first("User-Password").map(a -> a.asString()).orElse("");
            requests.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
            boolean ok = List.of("alice", "sam", "erin").contains(user) && password.equals(user + "-pw");
            return CompletableFuture.completedFuture(ok
                    ? RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).add("Session-Timeout", 600).build()
                    : RadiusPacket.builder(PacketCode.ACCESS_REJECT, request.dictionary()).build());
        };
        services.registerHandler(LISTENER, server);
        if (!configured) {
            int port = freeUdpPort();
            writeAtomically(etc().resolve("dev.radsec.listener-authlogin.cfg"), "name = " + LISTENER
                    + "\nprotocol = udp\naddress = 127.0.0.1\nport = " + port + "\nclients = 127.0.0.1/32\nsecret = "
                    + SECRET + "\n");
            writeAtomically(etc().resolve("dev.radsec.auth.cfg"), "host = 127.0.0.1\nport = " + port + "\nsecret = "
                    + SECRET + "\nread-timeout = 3\npolicy-roles = admins=admin, viewers=viewer\n"
                    + "unregistered-user-policies = guests\n");
            UserMappings mappings = services.get(UserMappings.class);
            mappings.put("alice", List.of("admins"));
            mappings.put("sam", List.of("admins"));
            configured = true;
        }
        RadiusLogin login = services.get(RadiusLogin.class);
        waitFor("alice logs in through the RADIUS server", TIMEOUT,
                () -> login.login("alice", "alice-pw").isLoggedIn(), state);
        requests.clear();
    }

    @Test
    public void jmxLoginReturnsPoliciesAndLeaseForAdminsAndIsRefusedToViewers() throws Exception {
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf"); JMXConnector viewer = KarafAccess.jmx("viewer", "viewer")) {
            MBeanServerConnection a = admin.getMBeanServerConnection();
            MBeanServerConnection v = viewer.getMBeanServerConnection();
            waitFor(AUTH + " registered", TIMEOUT, () -> KarafAccess.registered(a, AUTH), state);
            long logins = (Long) a.getAttribute(AUTH, "Logins");
            long rejects = (Long) a.getAttribute(AUTH, "Rejects");

            CompositeData in = (CompositeData) a.invoke(AUTH, "login", new Object[] {"alice", "alice-pw"}, TWO_STRINGS);
            assertEquals("LOGGED_IN", in.get("outcome"));
            assertArrayEquals(new String[] {"admins", "default"}, (String[]) in.get("policies"));
            assertEquals(600L, in.get("leaseDuration"));
            assertEquals("alice", in.get("username"));
            assertFalse(String.valueOf(in), String.valueOf(in).contains("alice-pw"));
            assertEquals(logins + 1, (long) (Long) a.getAttribute(AUTH, "Logins"));

            CompositeData out = (CompositeData) a.invoke(AUTH, "login", new Object[] {"alice", "wrong"}, TWO_STRINGS);
            assertEquals("REJECTED", out.get("outcome"));
            assertEquals(0L, out.get("leaseDuration"));
            assertEquals(rejects + 1, (long) (Long) a.getAttribute(AUTH, "Rejects"));
            assertEquals(2, requests.get("alice").get());

            try {
                v.invoke(AUTH, "login", new Object[] {"alice", "alice-pw"}, TWO_STRINGS);
                fail("a viewer logged a user in");
            } catch (SecurityException expected) {
                // etc/jmx.acl.dev.radsec.cfg: login = admin
            }
            assertEquals("the viewer's call never reached RADIUS", 2, requests.get("alice").get());
            assertEquals("viewers read the counters", logins + 1, (long) (Long) v.getAttribute(AUTH, "Logins"));
            assertTrue(toMap(v.getAttribute(AUTH, "Outcomes")).get("REJECTED") >= 1);
        }
    }

    @Test
    public void authLoginPromptsWithoutEchoCountsAndIsHiddenFromViewers() throws Exception {
        RadiusLogin login = services.get(RadiusLogin.class);
        long before = loginsCounted();
        // a console: the password is read by JLine with a mask
        String console = shell("radsec:auth-login alice", "alice-pw\n", true, "karaf", "admin");
        assertTrue(console, console.contains("Password for alice: "));
        assertTrue(console, console.contains("Logged in: alice"));
        assertTrue(console, console.contains("Policies:  admins, default"));
        assertTrue(console, console.contains("Lease:     600 s (Session-Timeout)"));
        assertFalse(console, console.contains("alice-pw"));
        assertEquals(before + 1, loginsCounted());

        // bin/client with piped input: no terminal, the password is the first line of the input
        String piped = shell("radsec:auth-login alice", "wrong\n", false, "karaf", "admin");
        assertTrue(piped, piped.contains("Login of alice failed: REJECTED"));
        assertFalse(piped, piped.contains("wrong"));
        String unmapped = shell("radsec:auth-login nobody", "nobody-pw\n", false, "karaf", "admin");
        assertTrue(unmapped, unmapped.contains("Login of nobody failed: REJECTED"));
        assertEquals(2, requests.get("alice").get());

        String asViewer = shell("radsec:auth-login alice", "alice-pw\n", false, "viewer", "viewer");
        assertTrue(asViewer, asViewer.contains("Command not found: radsec:auth-login"));
        assertEquals("the viewer's command never reached RADIUS", 2, requests.get("alice").get());
        assertEquals(before + 1, loginsCounted());
        assertTrue(login.login("alice", "alice-pw").isLoggedIn());
        assertEquals("the service, the shell and JMX count alike", before + 2, loginsCounted());
        assertFalse("a password in karaf.log", logTail().contains("alice-pw"));
    }

    @Test
    public void everyAuthKeyIsAnAttributeThatAdminsWriteThroughTheCfgFileAndViewersOnlyRead() throws Exception {
        Map<String, AttributeDefinition> keys = attributes(metatype("dev.radsec.auth"), "dev.radsec.auth");
        assertTrue(keys.keySet().toString(), keys.containsKey("jaas-order"));
        Path cfg = etc().resolve("dev.radsec.auth.cfg");
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf"); JMXConnector viewer = KarafAccess.jmx("viewer", "viewer")) {
            MBeanServerConnection a = admin.getMBeanServerConnection();
            MBeanServerConnection v = viewer.getMBeanServerConnection();
            waitFor(AUTH + " registered", TIMEOUT, () -> KarafAccess.registered(a, AUTH), state);
            Map<String, MBeanAttributeInfo> attributes = new HashMap<>();
            for (MBeanAttributeInfo info : a.getMBeanInfo(AUTH).getAttributes()) {
                attributes.put(info.getName(), info);
            }
            for (String key : keys.keySet()) {
                MBeanAttributeInfo info = attributes.get(camelCase(key));
                assertTrue(key + " as " + camelCase(key) + ": " + info, info != null && info.isReadable() && info.isWritable());
                v.getAttribute(AUTH, camelCase(key)); // viewers read every one
            }

            // a write lands in etc/dev.radsec.auth.cfg and is in force
            a.setAttribute(AUTH, new Attribute("NasIdentifier", "karaf-it"));
            a.setAttribute(AUTH, new Attribute("ReadTimeout", 4));
            waitFor("read-timeout = 4 in " + cfg, FILE_TIMEOUT, () -> read(cfg).matches("(?s).*\\bread-timeout\\s*=\\s*\"?4\"?\\s.*"),
                    () -> "\n" + read(cfg) + state.get());
            waitFor("ReadTimeout 4 in force", FILE_TIMEOUT, () -> Integer.valueOf(4).equals(get(a, "ReadTimeout")), state);
            assertEquals("karaf-it", a.getAttribute(AUTH, "NasIdentifier"));
            assertTrue(read(cfg), read(cfg).contains("policy-roles"));

            // refused as a file would be: named key and reason, nothing stored
            try {
                a.setAttribute(AUTH, new Attribute("ReadTimeout", 0));
                fail("read-timeout 0 accepted");
            } catch (Exception e) {
                String message = KarafAccess.causes(e);
                assertTrue(message, message.contains("read-timeout: 0 is outside 1-300"));
            }
            try {
                a.setAttribute(AUTH, new Attribute("JaasOrder", "remote-first"));
                fail("jaas-order remote-first accepted");
            } catch (Exception e) {
                String message = KarafAccess.causes(e);
                assertTrue(message, message.contains("jaas-order: 'remote-first' is none of radius-first, local-first"));
            }
            assertTrue(read(cfg), read(cfg).matches("(?s).*\\bread-timeout\\s*=\\s*\"?4\"?\\s.*"));
            assertEquals(4, a.getAttribute(AUTH, "ReadTimeout"));

            // viewers neither write nor update
            try {
                v.setAttribute(AUTH, new Attribute("ReadTimeout", 9));
                fail("a viewer changed read-timeout");
            } catch (SecurityException expected) {
                // set* = admin
            }
            try {
                v.invoke(AUTH, "update", new Object[] {new String[] {"read-timeout=9"}}, new String[] {String[].class.getName()});
                fail("a viewer updated the settings");
            } catch (SecurityException expected) {
                // * = admin
            }
            assertEquals(4, a.getAttribute(AUTH, "ReadTimeout"));

            // the secret reads masked, and a new one applies: the server gets it first, then the login service
            assertEquals("******", v.getAttribute(AUTH, "Secret"));
            String listener = read(etc().resolve("dev.radsec.listener-authlogin.cfg"));
            writeAtomically(etc().resolve("dev.radsec.listener-authlogin.cfg"), listener.replace(SECRET, OTHER_SECRET));
            a.setAttribute(AUTH, new Attribute("Secret", OTHER_SECRET));
            RadiusLogin login = services.get(RadiusLogin.class);
            waitFor("alice logs in with the new secret on both sides", TIMEOUT,
                    () -> login.login("alice", "alice-pw").isLoggedIn(), state);
            assertEquals("******", a.getAttribute(AUTH, "Secret"));
            assertEquals("******", v.getAttribute(AUTH, "Secret"));

            a.invoke(AUTH, "update", new Object[] {new String[] {"read-timeout=3", "nas-identifier="}},
                    new String[] {String[].class.getName()});
            waitFor("read-timeout back to 3", FILE_TIMEOUT, () -> Integer.valueOf(3).equals(get(a, "ReadTimeout")), state);
            assertEquals("", a.getAttribute(AUTH, "NasIdentifier"));
            // fileinstall writes the change back to the file on its own time
            waitFor("nas-identifier removed from " + cfg, FILE_TIMEOUT, () -> !read(cfg).contains("nas-identifier"),
                    () -> "\n" + read(cfg) + state.get());
        }
        for (String secret : new String[] {SECRET, OTHER_SECRET}) {
            assertFalse("a secret in karaf.log", logTail().contains(secret));
        }
    }

    @Test
    public void jaasOrderDecidesWhetherRadiusOrTheLocalUsersAnswerFirst() throws Exception {
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf")) {
            MBeanServerConnection a = admin.getMBeanServerConnection();
            waitFor(AUTH + " registered", TIMEOUT, () -> KarafAccess.registered(a, AUTH), state);
            assertEquals("radius-first", a.getAttribute(AUTH, "JaasOrder"));
            assertEquals("karaf is local only: RADIUS was asked first and refused", 1, count("karaf"));

            // radius-first: sam's RADIUS answer (admins, role admin) decides
            try (JMXConnector sam = KarafAccess.jmx("sam", "sam-pw")) {
                assertEquals("admins", sam.getMBeanServerConnection().invoke(AUTH, "showUser", new Object[] {"sam"}, ONE_STRING));
            }
            assertEquals(1, count("sam"));

            a.setAttribute(AUTH, new Attribute("JaasOrder", "local-first"));
            waitFor("jaas-order local-first in force", FILE_TIMEOUT, () -> "local-first".equals(get(a, "JaasOrder")), state);
            Path cfg = etc().resolve("dev.radsec.auth.cfg");
            waitFor("jaas-order = local-first in " + cfg, FILE_TIMEOUT,
                    () -> read(cfg).matches("(?s).*\\bjaas-order\\s*=\\s*\"?local-first\"?\\s.*"), state);

            // local-first: sam's local entry (role viewer) decides, and RADIUS is not asked
            try (JMXConnector sam = KarafAccess.jmx("sam", "sam-pw")) {
                MBeanServerConnection s = sam.getMBeanServerConnection();
                assertTrue("viewers read", String.join(",", (String[]) s.getAttribute(AUTH, "Users")).contains("sam"));
                try {
                    s.invoke(AUTH, "showUser", new Object[] {"sam"}, ONE_STRING);
                    fail("sam has the admin role although local users come first");
                } catch (SecurityException expected) {
                    // role viewer, from etc/users.properties
                }
            }
            assertEquals(1, count("sam"));
            try (JMXConnector karaf = KarafAccess.jmx("karaf", "karaf")) {
                assertTrue(karaf.getMBeanServerConnection().isRegistered(AUTH));
            }
            assertEquals("a local user no longer goes to RADIUS", 1, count("karaf"));
            // a RADIUS user is still let in after the local users refuse
            try (JMXConnector alice = KarafAccess.jmx("alice", "alice-pw")) {
                assertEquals("admins", alice.getMBeanServerConnection().invoke(AUTH, "showUser", new Object[] {"alice"}, ONE_STRING));
            }
            assertEquals(1, count("alice"));

            a.setAttribute(AUTH, new Attribute("JaasOrder", "radius-first"));
            waitFor("jaas-order radius-first in force", FILE_TIMEOUT, () -> "radius-first".equals(get(a, "JaasOrder")), state);
            try (JMXConnector sam = KarafAccess.jmx("sam", "sam-pw")) {
                assertEquals("admins", sam.getMBeanServerConnection().invoke(AUTH, "showUser", new Object[] {"sam"}, ONE_STRING));
            }
            assertEquals(2, count("sam"));
        }
    }

    @Test
    public void aMappingWithEmptyPoliciesGetsDefaultOnlyAndAuthUserRemoveDeletesItsFile() throws Exception {
        RadiusLogin login = services.get(RadiusLogin.class);
        UserMappings mappings = services.get(UserMappings.class);
        Path erinCfg = etc().resolve("dev.radsec.auth.user-erin.cfg");
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf")) {
            MBeanServerConnection a = admin.getMBeanServerConnection();
            waitFor(AUTH + " registered", TIMEOUT, () -> KarafAccess.registered(a, AUTH), state);
            a.invoke(AUTH, "addUser", new Object[] {"erin", ""}, TWO_STRINGS);
            waitFor(erinCfg.toString(), FILE_TIMEOUT, () -> Files.exists(erinCfg), state);
            assertEquals(List.of(), mappings.get("erin").orElseThrow().policies());
            LoginResult erin = login.login("erin", "erin-pw");
            assertEquals(erin.toString(), List.of("default"), erin.policies());
            CompositeData viaJmx = (CompositeData) a.invoke(AUTH, "login", new Object[] {"erin", "erin-pw"}, TWO_STRINGS);
            assertArrayEquals("mapped, so not unregistered-user-policies", new String[] {"default"},
                    (String[]) viaJmx.get("policies"));
        }

        String asViewer = shell("radsec:auth-user-remove erin", "", false, "viewer", "viewer");
        assertTrue(asViewer, asViewer.contains("Command not found: radsec:auth-user-remove"));
        assertTrue(mappings.get("erin").isPresent());

        String removed = shell("radsec:auth-user-remove erin", "", false, "karaf", "admin");
        assertTrue(removed, removed.contains("Removed erin"));
        waitFor(erinCfg + " gone", FILE_TIMEOUT, () -> !Files.exists(erinCfg), state);
        waitFor("erin unmapped", FILE_TIMEOUT, () -> mappings.get("erin").isEmpty(), state);
        assertFalse(shell("radsec:auth-user-list", "", false, "karaf", "admin").contains("erin"));
        assertEquals("unmapped now: unregistered-user-policies", List.of("default", "guests"),
                login.login("erin", "erin-pw").policies());
        String again = shell("radsec:auth-user-remove erin", "", false, "karaf", "admin");
        assertTrue(again, again.contains("No mapping for erin"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private int count(String user) {
        AtomicInteger n = requests.get(user);
        return n == null ? 0 : n.get();
    }

    private long loginsCounted() throws Exception {
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf")) {
            return (Long) admin.getMBeanServerConnection().getAttribute(AUTH, "Logins");
        } finally {
            requests.remove("karaf"); // that JMX login asked RADIUS first
        }
    }

    /**
     * Runs {@code command} as {@code user} with {@code roles}, {@code input} as what is typed: on a console (a JLine
     * terminal over the streams, as SSH has) or without a terminal (as {@code bin/client} with piped input).
     */
    private String shell(String command, String input, boolean terminal, String user, String... roles)
            throws InterruptedException {
        SessionFactory factory = services.get(SessionFactory.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        Session session = terminal ? factory.create(in, out, out, null, "UTF-8", () -> { }) : factory.create(in, out, out);
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        for (String role : roles) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            out.println(KarafAccess.causes(e.getException()));
        } catch (RuntimeException e) {
            out.println(KarafAccess.causes(e));
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Object get(MBeanServerConnection jmx, String attribute) {
        try {
            return jmx.getAttribute(AUTH, attribute);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String camelCase(String key) {
        StringBuilder b = new StringBuilder();
        for (String part : key.split("-")) {
            b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A MXBean's Map attribute arrives as TabularData of key/value rows. */
    private static Map<String, Long> toMap(Object tabular) {
        Map<String, Long> m = new HashMap<>();
        for (Object row : ((TabularData) tabular).values()) {
            CompositeData c = (CompositeData) row;
            m.put((String) c.get("key"), (Long) c.get("value"));
        }
        return m;
    }
}
