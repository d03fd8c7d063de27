package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static dev.radsec.itests.KarafTestSupport.waitFor;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.radsec.management.CertificatesMXBean;
import dev.radsec.management.ObjectNames;
import dev.radsec.management.PreSharedKeysMXBean;
import dev.radsec.management.TrustStoresMXBean;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

/**
 * The configurations issue 17 left for last, written over remote JMX and the shell in a real Karaf with the whole
 * stack and the embedded server: local certificates, TLS pre-shared keys, trust stores, the development PKI, the
 * embedded server, the dictionary and the login service. As an admin every new command and operation writes the
 * cfg file in {@code etc/} (a bad value is refused with its key and reason, and the file stays as it was); as a
 * viewer every write is refused (JMX) or not there (shell) while the reads work. A pre-shared key and a password
 * never appear in any output, attribute or karaf.log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RemainingConfigurationsIT extends KarafTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Pre-shared keys and a password: never in any output, attribute or log. */
    private static final String PSK = "5e1f0a9b7c3d2e4f6a8b0c1d2e3f4a5b";
    private static final String PSK_2 = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String SHORT_PSK = "0a1b2c3d4e5f6a7b8c";
    private static final String PASSWORD = "it-key-password-never-echoed";
    private static final String[] NAMED = {String.class.getName(), String.class.getName()};
    private static final String[] ONE_NAME = {String.class.getName()};

    /** Everything printed and read in this test: searched for the key and the password at the end. */
    private final StringBuilder seen = new StringBuilder();

    @Configuration
    public Option[] config() throws IOException {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec", "radsec-server"), RadsecKaraf.jmxWithLocalUsers()};
    }

    @Test
    public void adminsWriteTheRemainingConfigurationsAndViewersOnlyRead() throws Exception {
        Path etc = etc();
        waitFor("the development PKI's certificates", TIMEOUT, () -> Files.exists(etc.resolve("radsec/certs/client.crt"))
                && Files.exists(etc.resolve("radsec/ca/ca.pem")), () -> "\n" + list(etc.resolve("radsec")) + logTail());
        try (JMXConnector admin = KarafAccess.jmx("karaf", "karaf"); JMXConnector viewer = KarafAccess.jmx("viewer", "viewer")) {
            MBeanServerConnection jmx = admin.getMBeanServerConnection();
            certificates(jmx, etc);
            preSharedKeys(jmx, etc);
            trustStores(jmx, etc);
            developmentPki(jmx, etc);
            server(jmx, etc);
            dictionary(jmx, etc);
            auth(jmx, etc);
            viewersReadButWriteNothing(viewer.getMBeanServerConnection(), etc);
            removals(jmx, etc);
        }
        String everything = seen.toString();
        String log = new String(Files.readAllBytes(karafLog()), StandardCharsets.UTF_8);
        for (String secret : List.of(PSK, PSK_2, SHORT_PSK, PASSWORD)) {
            assertFalse("a key or password in the output or attributes", everything.contains(secret));
            assertFalse("a key or password in karaf.log", log.contains(secret));
        }
    }

    // ------------------------------------------------------------------------------------------------ certificates

    /** JMX Certificates.create and the Certificate MBean's settings; radsec:certificate-add/set. */
    private void certificates(MBeanServerConnection jmx, Path etc) throws Exception {
        CertificatesMXBean certificates = JMX.newMXBeanProxy(jmx, ObjectNames.certificates(), CertificatesMXBean.class);
        certificates.create("it-cert", Map.of("certificate", "radsec/certs/client.crt",
                "private-key", "radsec/certs/client.key"));
        Path file = etc.resolve("dev.radsec.pki.certificate-it-cert.cfg");
        assertTrue(list(etc), Files.exists(file));
        ObjectName cert = ObjectNames.certificate("it-cert");
        waitFor(cert + " available", TIMEOUT, () -> "available".equals(attribute(jmx, cert, "Status")), this::state);
        assertEquals("radsec/certs/client.crt", jmx.getAttribute(cert, "Certificate"));
        assertEquals(300L, jmx.getAttribute(cert, "RetryInterval"));
        jmx.setAttribute(cert, new Attribute("ExpiryWarning", 45L));
        waitForFile(file, "expiry-warning = 45");
        refusedOverJmx(file, "retry-interval: ", () -> jmx.setAttribute(cert, new Attribute("RetryInterval", 0L)));
        try {
            certificates.create("it-cert", Map.of("certificate", "radsec/certs/server.crt"));
            fail("it-cert created twice");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("name: certificate it-cert exists already"));
        }
        assertTrue(Arrays.asList(certificates.getNames()).containsAll(List.of("client", "server", "it-cert")));

        String added = shell("radsec:certificate-add it-cert2 certificate=radsec/certs/server.crt "
                + "private-key=radsec/certs/server.key");
        assertTrue(added, added.contains("Certificate it-cert2 added in etc/dev.radsec.pki.certificate-it-cert2.cfg"));
        Path file2 = etc.resolve("dev.radsec.pki.certificate-it-cert2.cfg");
        ObjectName cert2 = ObjectNames.certificate("it-cert2");
        waitFor(cert2 + " available", TIMEOUT, () -> "available".equals(attribute(jmx, cert2, "Status")), this::state);
        String set = shell("radsec:certificate-set it-cert2 password=" + PASSWORD + " expiry-warning=7");
        assertTrue(set, set.contains("Certificate it-cert2 changed") && set.contains("password=******"));
        waitForFile(file2, "expiry-warning = 7");
        waitForFile(file2, "password = " + PASSWORD);
        assertEquals("******", read(jmx, cert2, "Password"));
        refusedInTheShell(file2, "radsec:certificate-set it-cert2 expiry-warning=9999", "expiry-warning: ");
        refusedInTheShell(file2, "radsec:certificate-set it-cert2 certificat=x.pem",
                "certificat: is not a key of dev.radsec.pki.certificate");
    }

    // ------------------------------------------------------------------------------------------------ pre-shared keys

    /** radsec:psk-add/set, radsec:psks, JMX PreSharedKeys.create and the PreSharedKey MBean; never the key. */
    private void preSharedKeys(MBeanServerConnection jmx, Path etc) throws Exception {
        String added = shell("radsec:psk-add it-psk identity=it-17 key=" + PSK);
        assertTrue(added, added.contains("Psk it-psk added in etc/dev.radsec.pki.psk-it-psk.cfg: identity=it-17, key=******"));
        Path file = etc.resolve("dev.radsec.pki.psk-it-psk.cfg");
        waitForFile(file, "key = " + PSK);
        ObjectName psk = ObjectNames.preSharedKey("it-psk");
        waitFor(psk + " usable", TIMEOUT, () -> Boolean.TRUE.equals(attribute(jmx, psk, "Usable")), this::state);
        assertEquals("******", read(jmx, psk, "Key"));
        assertEquals("it-17", read(jmx, psk, "IdentityInUse"));
        assertEquals("1.3", read(jmx, psk, "TlsVersionInUse"));
        assertEquals("available", read(jmx, psk, "Status"));
        for (var a : jmx.getMBeanInfo(psk).getAttributes()) {
            read(jmx, psk, a.getName()); // every attribute goes into what is searched for the key
        }

        refusedInTheShell(file, "radsec:psk-set it-psk key=" + SHORT_PSK, "key: is too short");
        refusedInTheShell(file, "radsec:psk-set it-psk tls-version=1.1", "tls-version: ");
        String identity = shell("radsec:psk-set it-psk identity=it-18");
        assertTrue(identity, identity.contains("Psk it-psk changed"));
        waitForFile(file, "identity = it-18");
        waitFor("identity it-18 in use", TIMEOUT, () -> "it-18".equals(attribute(jmx, psk, "IdentityInUse")), this::state);
        assertTrue("the key stays", read(file).contains("key = " + PSK));

        PreSharedKeysMXBean keys = JMX.newMXBeanProxy(jmx, ObjectNames.preSharedKeys(), PreSharedKeysMXBean.class);
        keys.create("it-psk2", Map.of("identity", "it-19", "key", PSK_2, "tls-version", "1.2"));
        Path file2 = etc.resolve("dev.radsec.pki.psk-it-psk2.cfg");
        assertTrue(list(etc), Files.exists(file2));
        ObjectName psk2 = ObjectNames.preSharedKey("it-psk2");
        waitFor(psk2 + " usable", TIMEOUT, () -> Boolean.TRUE.equals(attribute(jmx, psk2, "Usable")), this::state);
        assertEquals("1.2", read(jmx, psk2, "TlsVersionInUse"));
        jmx.setAttribute(psk2, new Attribute("RetryInterval", 60L));
        waitForFile(file2, "retry-interval = 60");
        jmx.setAttribute(psk2, new Attribute("Key", "******")); // as JConsole shows it and writes it back
        waitForFile(file2, "key = " + PSK_2);
        refusedOverJmx(file2, "key: and key-file are both given",
                () -> jmx.setAttribute(psk2, new Attribute("KeyFile", "radsec/it.hex")));
        try {
            keys.create("it-psk3", "identity=it-17 key=" + SHORT_PSK);
            fail("a short key accepted");
        } catch (IllegalArgumentException expected) {
            seen.append(expected.getMessage());
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("key: is too short"));
        }
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.psk-it-psk3.cfg")));
        assertArrayEquals(new String[] {"it-psk", "it-psk2"}, keys.getNames());

        String listed = shell("radsec:psks");
        assertTrue(listed, listed.contains("it-psk") && listed.contains("it-18") && listed.contains("inline"));
    }

    // ------------------------------------------------------------------------------------------------ trust stores

    /** radsec:trust-store-add/set and JMX TrustStores; the TrustStore MBean writes through the same store. */
    private void trustStores(MBeanServerConnection jmx, Path etc) throws Exception {
        String added = shell("radsec:trust-store-add partners ca=radsec/ca/ca.pem");
        assertTrue(added, added.contains("Trust-store partners added in etc/dev.radsec.pki.trust-partners.cfg"));
        Path file = etc.resolve("dev.radsec.pki.trust-partners.cfg");
        ObjectName store = ObjectNames.trustStore("partners");
        waitFor(store + " registered", TIMEOUT, () -> KarafAccess.registered(jmx, store), this::state);
        waitFor(store + " holds the CA", TIMEOUT, () -> attribute(jmx, store, "Anchors") instanceof Object[] a
                && a.length == 1, this::state);
        String set = shell("radsec:trust-store-set partners check-revocation=none");
        assertTrue(set, set.contains("Trust-store partners changed"));
        waitForFile(file, "check-revocation = none");
        refusedInTheShell(file, "radsec:trust-store-set partners check-revocation=ocsp", "check-revocation: ");
        jmx.setAttribute(store, new Attribute("CrlDistributionPoints", true));
        waitForFile(file, "crl-distribution-points = true");

        TrustStoresMXBean stores = JMX.newMXBeanProxy(jmx, ObjectNames.trustStores(), TrustStoresMXBean.class);
        stores.create("it-trust", Map.of("ca", "radsec/ca/ca.pem"));
        assertTrue(list(etc), Files.exists(etc.resolve("dev.radsec.pki.trust-it-trust.cfg")));
        try {
            stores.create("it-empty", Map.of("check-revocation", "none"));
            fail("a trust store without ca accepted");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("ca: "));
        }
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.trust-it-empty.cfg")));
        assertTrue(Arrays.asList(stores.getNames()).containsAll(List.of("default", "partners", "it-trust")));
    }

    // ------------------------------------------------------------------------------------------------ singletons

    /** DevelopmentPki over JMX and radsec:pki-bootstrap-set: a new directory gets its certificates made. */
    private void developmentPki(MBeanServerConnection jmx, Path etc) throws Exception {
        ObjectName pki = ObjectNames.developmentPki();
        waitFor(pki + " registered", TIMEOUT, () -> KarafAccess.registered(jmx, pki), this::state);
        assertEquals(true, jmx.getAttribute(pki, "Configured"));
        assertEquals("radsec/certs", jmx.getAttribute(pki, "Directory"));
        assertEquals("CN=radsec-karaf Development CA,O=radsec-karaf", jmx.getAttribute(pki, "CaSubject"));
        Path file = etc.resolve("dev.radsec.pki.bootstrap.cfg");
        jmx.setAttribute(pki, new Attribute("ClientName", "it-client"));
        waitForFile(file, "client-name = it-client");
        refusedOverJmx(file, "server-name: ", () -> jmx.setAttribute(pki, new Attribute("ServerName", "two words")));
        String set = shell("radsec:pki-bootstrap-set directory=radsec/it-certs");
        assertTrue(set, set.contains("Pki-bootstrap changed in etc/dev.radsec.pki.bootstrap.cfg: directory=radsec/it-certs"));
        waitForFile(file, "directory = radsec/it-certs");
        waitFor("the development PKI made radsec/it-certs", TIMEOUT,
                () -> Files.exists(etc.resolve("radsec/it-certs/client.crt")), this::state);
        refusedInTheShell(file, "radsec:pki-bootstrap-set ca-subject=nonsense", "ca-subject: ");
    }

    /** The embedded server over JMX and radsec:server-set. */
    private void server(MBeanServerConnection jmx, Path etc) throws Exception {
        ObjectName server = ObjectNames.server();
        waitFor(server + " registered", TIMEOUT, () -> KarafAccess.registered(jmx, server), this::state);
        assertEquals(true, jmx.getAttribute(server, "Configured"));
        assertEquals("radsec/users", jmx.getAttribute(server, "Users"));
        Path file = etc.resolve("dev.radsec.server.cfg");
        Files.writeString(etc.resolve("radsec/it-users"), "carol   Cleartext-Password := \"carol-pw\"\n");
        jmx.setAttribute(server, new Attribute("Users", "radsec/it-users"));
        waitForFile(file, "users = radsec/it-users");
        refusedOverJmx(file, "users: ", () -> jmx.setAttribute(server, new Attribute("Users", "radsec")));
        String set = shell("radsec:server-set listener=it-listener");
        assertTrue(set, set.contains("Server changed in etc/dev.radsec.server.cfg: listener=it-listener"));
        waitForFile(file, "listener = it-listener");
        refusedInTheShell(file, "radsec:server-set \"listener=two words\"", "listener: ");
        shell("radsec:server-set listener=server users=radsec/users");
        waitForFile(file, "listener = server");
    }

    /** The dictionary over radsec:dictionary-set and JMX: a vendor file is loaded, a broken one refused. */
    private void dictionary(MBeanServerConnection jmx, Path etc) throws Exception {
        ObjectName dictionary = ObjectNames.dictionary();
        waitFor(dictionary + " registered", TIMEOUT, () -> KarafAccess.registered(jmx, dictionary), this::state);
        int bundled = (int) jmx.getAttribute(dictionary, "AttributeCount");
        Files.writeString(etc.resolve("radsec/dictionary.it"), "VENDOR ItVendor 32473\nBEGIN-VENDOR ItVendor\n"
                + "ATTRIBUTE It-Role 1 string\nATTRIBUTE It-Level 2 integer\nEND-VENDOR ItVendor\n");
        String set = shell("radsec:dictionary-set path=radsec/dictionary.it");
        assertTrue(set, set.contains("Dictionary changed in etc/dev.radsec.dictionary.cfg: path=radsec/dictionary.it"));
        Path file = etc.resolve("dev.radsec.dictionary.cfg");
        waitForFile(file, "path = radsec/dictionary.it");
        waitFor("the dictionary holds It-Role", TIMEOUT,
                () -> Integer.valueOf(bundled + 2).equals(attribute(jmx, dictionary, "AttributeCount")), this::state);
        assertTrue(Arrays.toString((String[]) jmx.getAttribute(dictionary, "Files")),
                Arrays.asList((String[]) jmx.getAttribute(dictionary, "Files")).contains(
                        etc.resolve("radsec/dictionary.it").toString()));
        assertEquals("", jmx.getAttribute(dictionary, "LoadError"));
        Files.writeString(etc.resolve("radsec/dictionary.broken"), "ATTRIBUTE It-Broken 3\n");
        refusedInTheShell(file, "radsec:dictionary-set path=radsec/dictionary.broken",
                "path: " + etc.resolve("radsec/dictionary.broken") + ":1: ");
        refusedOverJmx(file, "path: ", () -> jmx.setAttribute(dictionary, new Attribute("Path", "radsec/absent")));
        jmx.setAttribute(dictionary, new Attribute("Path", ""));
        waitFor("path gone from the file", TIMEOUT, () -> !read(file).contains("path"), () -> read(file));
        waitFor("the bundled dictionary only", TIMEOUT,
                () -> Integer.valueOf(bundled).equals(attribute(jmx, dictionary, "AttributeCount")), this::state);
    }

    /** radsec:auth-set writes dev.radsec.auth, validated by the auth bundle; its secret is printed masked. */
    private void auth(MBeanServerConnection jmx, Path etc) throws Exception {
        Path file = etc.resolve("dev.radsec.auth.cfg");
        String incomplete = shell("radsec:auth-set jaas-order=local-first");
        assertTrue(incomplete, incomplete.contains("destination: is required"));
        assertFalse("nothing written", Files.exists(file));
        String set = shell("radsec:auth-set host=127.0.0.1 port=11812 secret=" + PASSWORD
                + " jaas-order=local-first read-timeout=7");
        assertTrue(set, set.contains("Auth changed in etc/dev.radsec.auth.cfg: host=127.0.0.1, port=11812, "
                + "secret=******, jaas-order=local-first, read-timeout=7"));
        waitForFile(file, "jaas-order = local-first");
        waitForFile(file, "secret = " + PASSWORD);
        ObjectName auth = new ObjectName("dev.radsec:type=Auth");
        waitFor("the Auth MBean reads it", TIMEOUT, () -> "local-first".equals(attribute(jmx, auth, "JaasOrder")),
                this::state);
        assertEquals("******", read(jmx, auth, "Secret"));
        refusedInTheShell(file, "radsec:auth-set jaas-order=random", "jaas-order: ");
        refusedInTheShell(file, "radsec:auth-set read-timeout=0", "read-timeout: ");
    }

    // ------------------------------------------------------------------------------------------------ viewers

    /** The viewer role reads every new MBean and the listings; every write is refused or not there. */
    private void viewersReadButWriteNothing(MBeanServerConnection view, Path etc) throws Exception {
        assertTrue(Arrays.asList((String[]) view.getAttribute(ObjectNames.certificates(), "Names")).contains("it-cert"));
        assertTrue(Arrays.asList((String[]) view.getAttribute(ObjectNames.preSharedKeys(), "Names")).contains("it-psk"));
        assertTrue(Arrays.asList((String[]) view.getAttribute(ObjectNames.trustStores(), "Names")).contains("partners"));
        assertEquals("******", read(view, ObjectNames.preSharedKey("it-psk"), "Key"));
        assertEquals(true, view.getAttribute(ObjectNames.preSharedKey("it-psk"), "Usable"));
        assertEquals(45L, view.getAttribute(ObjectNames.certificate("it-cert"), "ExpiryWarning"));
        assertEquals("it-client", view.getAttribute(ObjectNames.developmentPki(), "ClientName"));
        assertEquals("server", view.getAttribute(ObjectNames.server(), "Listener"));
        assertEquals("", view.getAttribute(ObjectNames.dictionary(), "Path"));
        assertEquals("none", view.getAttribute(ObjectNames.trustStore("partners"), "CheckRevocation"));

        refused(() -> view.setAttribute(ObjectNames.certificate("it-cert"), new Attribute("ExpiryWarning", 1L)));
        refused(() -> view.setAttribute(ObjectNames.preSharedKey("it-psk"), new Attribute("Identity", "viewer")));
        refused(() -> view.setAttribute(ObjectNames.trustStore("partners"), new Attribute("CheckRevocation", "crl")));
        refused(() -> view.setAttribute(ObjectNames.developmentPki(), new Attribute("ClientName", "viewer")));
        refused(() -> view.setAttribute(ObjectNames.server(), new Attribute("Listener", "viewer")));
        refused(() -> view.setAttribute(ObjectNames.dictionary(), new Attribute("Path", "radsec/dictionary.it")));
        for (ObjectName collection : List.of(ObjectNames.certificates(), ObjectNames.preSharedKeys(),
                ObjectNames.trustStores())) {
            refused(() -> view.invoke(collection, "create", new Object[] {"viewer", "ca=radsec/ca/ca.pem"}, NAMED));
            refused(() -> view.invoke(collection, "remove", new Object[] {"it-cert"}, ONE_NAME));
        }
        assertTrue(Files.exists(etc.resolve("dev.radsec.pki.certificate-it-cert.cfg")));
        assertEquals(45L, view.getAttribute(ObjectNames.certificate("it-cert"), "ExpiryWarning"));

        SessionFactory sessions = services.get(SessionFactory.class);
        for (String command : List.of("certificate-add v certificate=x.pem", "certificate-set it-cert expiry-warning=1",
                "certificate-remove it-cert", "psk-add v identity=v key=" + PSK_2, "psk-set it-psk identity=v",
                "psk-remove it-psk", "trust-store-add v ca=radsec/ca/ca.pem", "trust-store-set partners crl=x",
                "trust-store-remove partners", "pki-bootstrap-set client-name=v", "server-set listener=v",
                "dictionary-set path=v", "auth-set jaas-order=local-first")) {
            String out = KarafAccess.shellAs(sessions, "radsec:" + command, "viewer", "viewer");
            seen.append(out);
            String verb = command.substring(0, command.indexOf(' '));
            assertTrue(out, out.contains("Command not found: radsec:" + verb));
        }
        for (String listing : List.of("psks", "listeners")) {
            String out = KarafAccess.shellAs(sessions, "radsec:" + listing, "viewer", "viewer");
            seen.append(out);
            assertFalse(out, out.contains("Command not found"));
            assertTrue(out, listing.equals("psks") ? out.contains("it-psk") : out.contains("Requests"));
        }
        assertFalse(read(etc.resolve("dev.radsec.pki.psk-it-psk.cfg")).contains("identity = v"));
    }

    /** Removal by shell and JMX deletes the files, and the per-instance MBeans go. */
    private void removals(MBeanServerConnection jmx, Path etc) throws Exception {
        String removed = shell("radsec:certificate-remove it-cert2");
        assertTrue(removed, removed.contains("Certificate it-cert2 removed, etc/dev.radsec.pki.certificate-it-cert2.cfg deleted"));
        JMX.newMXBeanProxy(jmx, ObjectNames.certificates(), CertificatesMXBean.class).remove("it-cert");
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.certificate-it-cert.cfg")));
        waitFor("certificate MBeans gone", TIMEOUT, () -> !KarafAccess.registered(jmx, ObjectNames.certificate("it-cert"))
                && !KarafAccess.registered(jmx, ObjectNames.certificate("it-cert2")), this::state);

        assertTrue(shell("radsec:psk-remove it-psk").contains("Psk it-psk removed, etc/dev.radsec.pki.psk-it-psk.cfg deleted"));
        jmx.invoke(ObjectNames.preSharedKeys(), "remove", new Object[] {"it-psk2"}, ONE_NAME);
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.psk-it-psk2.cfg")));
        waitFor("pre-shared key MBeans gone", TIMEOUT, () -> !KarafAccess.registered(jmx, ObjectNames.preSharedKey("it-psk"))
                && !KarafAccess.registered(jmx, ObjectNames.preSharedKey("it-psk2")), this::state);
        String again = shell("radsec:psk-remove it-psk");
        assertTrue(again, again.contains("name: no psk it-psk is configured"));

        assertTrue(shell("radsec:trust-store-remove partners").contains("deleted"));
        jmx.invoke(ObjectNames.trustStores(), "remove", new Object[] {"it-trust"}, ONE_NAME);
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.trust-partners.cfg")));
        assertFalse(Files.exists(etc.resolve("dev.radsec.pki.trust-it-trust.cfg")));
        waitFor("trust store MBean gone", TIMEOUT, () -> !KarafAccess.registered(jmx, ObjectNames.trustStore("partners")),
                this::state);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A write over JMX is refused with {@code reason} in its message, and the file stays as it was. */
    private void refusedOverJmx(Path file, String reason, ThrowingRunnable write) throws Exception {
        String before = settled(file);
        try {
            write.run();
            fail("accepted: " + reason);
        } catch (Exception expected) {
            String message = KarafAccess.causes(expected);
            seen.append(message);
            assertTrue(message, message.contains(reason));
        }
        unchanged(file, before, reason);
    }

    /** A shell command is refused with {@code reason} in its output, and the file stays as it was. */
    private void refusedInTheShell(Path file, String command, String reason) throws Exception {
        String before = settled(file);
        String out = shell(command);
        assertTrue(out, out.contains(reason));
        unchanged(file, before, command);
    }

    /**
     * The file's content once FileInstall is not rewriting it (it rewrites a file on every ConfigAdmin update, even
     * one that changes nothing, truncating it first).
     */
    private static String settled(Path file) throws InterruptedException {
        waitFor(file + " written", TIMEOUT, () -> !read(file).isEmpty(), () -> "");
        return read(file);
    }

    /** The file holds what it held (waiting out a rewrite of the same content); never printed: it may hold a key. */
    private static void unchanged(Path file, String before, String what) throws InterruptedException {
        waitFor(file + " unchanged after " + what, TIMEOUT, () -> before.equals(read(file)), () -> "");
    }

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

    /** Waits for FileInstall to write a change to the file: it does so on ConfigAdmin's event, after the write. */
    private static void waitForFile(Path file, String text) throws InterruptedException {
        waitFor(text + " in " + file, TIMEOUT, () -> read(file).contains(text), () -> read(file));
    }

    private String shell(String command) throws InterruptedException {
        String out = KarafAccess.shell(services.get(SessionFactory.class), command);
        seen.append(out);
        return out;
    }

    /** An attribute read, remembered among what is searched for secrets. */
    private String read(MBeanServerConnection jmx, ObjectName name, String attribute) throws Exception {
        Object value = jmx.getAttribute(name, attribute);
        String text = value instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(value);
        seen.append(text).append('\n');
        return text;
    }

    private Object attribute(MBeanServerConnection jmx, ObjectName name, String attribute) {
        try {
            Object value = jmx.getAttribute(name, attribute);
            seen.append(value instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(value)).append('\n');
            return value;
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String state() {
        try (Stream<Path> files = Files.list(etc())) {
            List<String> cfg = new ArrayList<>();
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dev.radsec")).sorted().forEach(cfg::add);
            return "\netc: " + cfg + "\n" + logTail();
        } catch (IOException e) {
            return "\n" + e + "\n" + logTail();
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
