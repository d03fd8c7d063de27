package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.management.ObjectNames;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.TrustStoreAnchor;
import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStatistics;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusRequestHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
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
 * Trust stores and the organisation CA in a real Karaf, the way an operator uploads a RADIUS server's root CA
 * (Meraki) and downloads the CA to install elsewhere: over remote JMX and the shell, as admin and as viewer.
 *
 * <p>A RadSec listener in this Karaf trusts the store {@code partners}; destination 7 presents a client certificate of
 * a partner's CA. Until that CA is uploaded into {@code partners} the listener refuses it; once uploaded the
 * destination's requests are answered with no restart, and when it is removed again the live connection is closed
 * and new ones are refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TrustStoreIT extends KarafTestSupport {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SECRET = "trust-it-secret";
    private static final String P12_PASSWORD = "device-pass-never-logged";
    private static final String STORE_PASSWORD = "keytool-store-pass";
    private static final int DESTINATION = 7;

    @Configuration
    public Option[] config() throws IOException {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-management"), RadsecKaraf.jmxWithLocalUsers()};
    }

    @Test
    public void operatorsUploadRootCasAndTakeTheOrganisationCaWithThem() throws Exception {
        RadiusClient client = services.get(RadiusClient.class);
        CredentialService credentials = services.get(CredentialService.class);
        OrganisationCa ca = services.get(OrganisationCa.class);
        SessionFactory sessions = services.get(SessionFactory.class);
        Path etc = etc();
        Path uploads = Files.createDirectories(etc.getParent().resolve("uploads"));
        Supplier<String> state = () -> "\ndestination " + DESTINATION + ": "
                + client.statistics(DESTINATION).map(Object::toString).orElse("-") + "\ntrust stores: "
                + credentials.trustStores() + "\npartners: " + credentials.trustAnchors("partners").stream()
                        .map(c -> c.getSubjectX500Principal().getName()).collect(Collectors.toList())
                + "\ncertificates: " + credentials.certificates() + "\n" + logTail();

        // ---- the organisation CA's server certificate, and a partner CA with a client certificate of its own
        ca.create("CN=TrustStore IT CA,O=Example Org", KeyAlgorithm.EC_P256, Duration.ofDays(365));
        Path radsec = Files.createDirectories(etc.resolve("radsec"));
        ca.issue(CertificateProfile.builder("localhost").dnsName("localhost").ipAddress(InetAddress.getByName("127.0.0.1"))
                .usage(CertificateProfile.Usage.SERVER).validity(Duration.ofDays(30)).build(),
                radsec.resolve("server.pem"), radsec.resolve("server.key"));
        // the partner's PKI, made with the JDK's keytool as a partner's tools would
        Path partnerDir = Files.createDirectories(radsec.resolve("partner"));
        String partnerCaPem = newCa(uploads, "partner-ca", "CN=Partner RADIUS CA,O=Partner");
        X509Certificate partnerCa = parse(partnerCaPem);
        Path partnerClient = clientCertificate(uploads, "partner-ca", "CN=partner-nas", partnerDir.resolve("client.p12"));
        Path partnerCaFile = uploads.resolve("partner-ca.pem");
        String partnerFingerprint = TrustStoreAnchor.fingerprint(partnerCa);

        writeAtomically(etc.resolve("dev.radsec.pki.trust-default.cfg"), "ca = radsec/ca/ca.pem\n");
        writeAtomically(etc.resolve("dev.radsec.pki.trust-partners.cfg"), "ca = radsec/ca/ca.pem\n");
        writeAtomically(etc.resolve("dev.radsec.pki.certificate-server.cfg"),
                "certificate = radsec/server.pem\nprivate-key = radsec/server.key\n");
        writeAtomically(etc.resolve("dev.radsec.pki.certificate-partner.cfg"),
                "certificate = radsec/partner/client.p12\npassword = " + STORE_PASSWORD + "\n");
        waitFor("certificates and trust stores loaded", TIMEOUT, () -> credentials.certificate("server").isAvailable()
                && credentials.certificate("partner").isAvailable() && !credentials.trustAnchors("partners").isEmpty()
                && !credentials.trustAnchors("default").isEmpty(), state);

        RadiusRequestHandler handler = (context, request) -> CompletableFuture.completedFuture(
                RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary()).add("Reply-Message", "trusted").build());
        services.registerHandler("trustit", handler);
        int port = freeTcpPort();
        writeAtomically(etc.resolve("dev.radsec.listener-trustit.cfg"), "protocol = radsec\naddress = 127.0.0.1\nport = "
                + port + "\ntls-certificate = server\ntls-trust = partners\nsecret = " + SECRET + "\n");
        writeAtomically(etc.resolve("dev.radsec.destination-partner.cfg"), "id = " + DESTINATION
                + "\naddress = 127.0.0.1\nport = " + port + "\ntls-certificate = partner\ntls-trust = default\nsecret = "
                + SECRET + "\n");
        waitFor("destination " + DESTINATION + " configured", TIMEOUT,
                () -> client.statistics(DESTINATION).isPresent(), state);
        // TLS 1.3: the client finishes its handshake before the listener judges its certificate, so the destination
        // may look up for a moment; what counts is the listener refusing it, and no request answered.
        ListenerMonitor listeners = services.get(ListenerMonitor.class);
        waitFor("listener trustit refuses the partner's certificate", TIMEOUT, () -> refused(listeners) >= 1, state);
        assertFalse("answered before the partner CA is trusted", accepted(client));

        try (JMXConnector adminConnector = KarafAccess.jmx("karaf", "karaf");
             JMXConnector viewerConnector = KarafAccess.jmx("viewer", "viewer")) {
            MBeanServerConnection admin = adminConnector.getMBeanServerConnection();
            MBeanServerConnection viewer = viewerConnector.getMBeanServerConnection();
            ObjectName partners = ObjectNames.trustStore("partners");
            waitFor(partners + " registered", TIMEOUT, () -> KarafAccess.registered(admin, partners), state);
            assertEquals(1, ((CompositeData[]) admin.getAttribute(partners, "Anchors")).length);

            // ---- the shell: a viewer lists but may not add; an admin uploads the partner CA
            String refused = KarafAccess.shellAs(sessions, "radsec:trust-add partners " + partnerCaFile, "viewer", "viewer");
            assertTrue(refused, refused.contains("Command not found: radsec:trust-add"));
            String added = KarafAccess.shell(sessions, "radsec:trust-add partners " + partnerCaFile);
            assertTrue(added, added.contains("Added CN=Partner RADIUS CA,O=Partner to trust store 'partners'")
                    && added.contains(partnerFingerprint));
            Path anchorDirectory = etc.resolve("radsec/trust/partners");
            assertEquals(1, files(anchorDirectory).size());
            waitFor("etc/dev.radsec.pki.trust-partners.cfg names the anchor directory", TIMEOUT,
                    () -> read(etc.resolve("dev.radsec.pki.trust-partners.cfg")).contains("radsec/trust/partners"),
                    () -> read(etc.resolve("dev.radsec.pki.trust-partners.cfg")) + state.get());
            String listed = KarafAccess.shellAs(sessions, "radsec:trust-list partners", "viewer", "viewer");
            assertTrue(listed, listed.contains("CN=Partner RADIUS CA") && listed.contains(partnerFingerprint)
                    && listed.contains("CN=TrustStore IT CA"));

            // ---- used at once: the partner's NAS is trusted now, with no restart
            admin.invoke(ObjectNames.destination(DESTINATION), "reconnect", null, null); // skip the reconnect backoff
            waitFor("destination " + DESTINATION + " answered after the upload", TIMEOUT, () -> accepted(client), state);
            long refusedWhileTrusted = refused(listeners);

            // ---- JMX: viewers read, admins add and remove
            CompositeData[] anchors = (CompositeData[]) viewer.getAttribute(partners, "Anchors");
            assertEquals(2, anchors.length);
            assertTrue(Arrays.stream(anchors).anyMatch(a -> partnerFingerprint.equals(a.get("fingerprint"))
                    && partnerCa.getSerialNumber().toString(16).equals(a.get("serial"))
                    && partnerCa.getNotAfter().toInstant().toString().equals(a.get("notAfter"))));
            String uploadPem = newCa(uploads, "jmx-ca", "CN=JMX Upload CA");
            X509Certificate uploadCa = parse(uploadPem);
            assertRefused(() -> viewer.invoke(partners, "addAnchor", new Object[] {uploadPem}, STRING));
            assertRefused(() -> viewer.invoke(partners, "removeAnchor", new Object[] {partnerFingerprint}, STRING));
            assertRefused(() -> viewer.setAttribute(partners, new Attribute("CheckRevocation", "none")));
            CompositeData row = (CompositeData) admin.invoke(partners, "addAnchor", new Object[] {uploadPem}, STRING);
            assertEquals("CN=JMX Upload CA", row.get("subject"));
            String uploadFingerprint = (String) row.get("fingerprint");
            assertEquals(TrustStoreAnchor.fingerprint(uploadCa), uploadFingerprint);
            assertEquals(3, ((CompositeData[]) admin.getAttribute(partners, "Anchors")).length);
            String notACa = message(() -> admin.invoke(partners, "addAnchor", new Object[] {Files.readString(partnerClient)}, STRING));
            assertTrue(notACa, notACa.contains("not a CA certificate"));
            String plain = uploadFingerprint.replace(":", "").toLowerCase(Locale.ROOT);
            assertEquals(true, admin.invoke(partners, "removeAnchor", new Object[] {plain}, STRING));
            assertEquals(false, admin.invoke(partners, "removeAnchor", new Object[] {plain}, STRING));
            assertEquals(2, ((CompositeData[]) admin.getAttribute(partners, "Anchors")).length);
            assertTrue("a viewer cannot remove", KarafAccess.shellAs(sessions, "radsec:trust-remove partners "
                    + partnerFingerprint, "viewer", "viewer").contains("Command not found: radsec:trust-remove"));

            // ---- removed by shell: the live connection is closed, the directory leaves ca, the file is gone
            String removed = KarafAccess.shell(sessions, "radsec:trust-remove partners " + partnerFingerprint);
            assertTrue(removed, removed.contains("Removed"));
            waitFor("the partner's connection refused again once its CA is removed", TIMEOUT,
                    () -> refused(listeners) > refusedWhileTrusted, state);
            assertFalse("answered after the partner CA was removed", accepted(client));
            assertEquals(List.of(), files(anchorDirectory));
            waitFor("the anchor directory taken out of ca again", TIMEOUT,
                    () -> !read(etc.resolve("dev.radsec.pki.trust-partners.cfg")).contains("radsec/trust/partners"),
                    () -> read(etc.resolve("dev.radsec.pki.trust-partners.cfg")) + state.get());
            String last = KarafAccess.shell(sessions, "radsec:trust-remove partners "
                    + TrustStoreAnchor.fingerprint(ca.certificate()));
            assertTrue(last, last.contains("only anchor"));

            // ---- an upload into a store nobody configured creates it, with its cfg file and MBean
            Path uploadFile = uploads.resolve("jmx-ca.pem");
            String fresh = KarafAccess.shell(sessions, "radsec:trust-add fresh " + uploadFile);
            assertTrue(fresh, fresh.contains("Added CN=JMX Upload CA to trust store 'fresh'"));
            Path freshCfg = etc.resolve("dev.radsec.pki.trust-fresh.cfg");
            // FileInstall writes ConfigAdmin's new configuration out on a thread of its own: the file may exist
            // empty for a moment (a CI run read it so)
            waitFor(freshCfg + " written", TIMEOUT, () -> read(freshCfg).contains("radsec/trust/fresh"),
                    () -> list(etc) + "\n" + freshCfg + ": " + read(freshCfg));
            waitFor(ObjectNames.trustStore("fresh") + " registered", TIMEOUT,
                    () -> KarafAccess.registered(viewer, ObjectNames.trustStore("fresh")), state);

            // ---- the store's keys as writable attributes, through ConfigAdmin into the cfg file
            ObjectName defaults = ObjectNames.trustStore("default");
            waitFor(defaults + " registered", TIMEOUT, () -> KarafAccess.registered(admin, defaults), state);
            assertEquals(false, admin.getAttribute(defaults, "RevocationChecked"));
            admin.setAttribute(defaults, new Attribute("Crl", new String[] {"radsec/ca/crl.pem"}));
            Path defaultCfg = etc.resolve("dev.radsec.pki.trust-default.cfg");
            waitFor("crl written to " + defaultCfg, TIMEOUT, () -> read(defaultCfg).contains("radsec/ca/crl.pem"),
                    () -> read(defaultCfg) + state.get());
            waitFor("trust store 'default' checks its CRL", TIMEOUT,
                    () -> Boolean.TRUE.equals(attribute(viewer, defaults, "RevocationChecked")), state);
            assertArrayEquals(new String[] {"radsec/ca/crl.pem"}, (String[]) viewer.getAttribute(defaults, "Crl"));
            CompositeData[] crls = (CompositeData[]) viewer.getAttribute(defaults, "Crls");
            assertEquals(1, crls.length);
            assertEquals(ca.crlFile().toAbsolutePath().normalize().toString(), crls[0].get("source"));
            assertEquals("CN=TrustStore IT CA,O=Example Org", crls[0].get("issuer"));
            assertEquals(0, viewer.getAttribute(defaults, "RevokedEntries"));
            assertFalse(((String) viewer.getAttribute(defaults, "CrlNextUpdate")).isEmpty());
            assertEquals("", viewer.getAttribute(defaults, "LoadError"));
            String invalid = message(() -> admin.setAttribute(defaults, new Attribute("CheckRevocation", "sometimes")));
            assertTrue(invalid, invalid.contains("check-revocation"));
            assertFalse(read(defaultCfg), read(defaultCfg).contains("sometimes"));

            // ---- the organisation CA: shown to viewers, in PEM to install elsewhere; never its key
            X509Certificate root = ca.certificate();
            ObjectName authority = ObjectNames.certificateAuthority();
            waitFor(authority + " registered", TIMEOUT, () -> KarafAccess.registered(viewer, authority), state);
            assertEquals(true, viewer.getAttribute(authority, "Created"));
            assertEquals(root, parse((String) viewer.getAttribute(authority, "CertificatePem")));
            assertEquals(TrustStoreAnchor.fingerprint(root), viewer.getAttribute(authority, "Fingerprint"));
            assertEquals("CN=TrustStore IT CA,O=Example Org", viewer.getAttribute(authority, "Subject"));
            assertEquals("EC P-256", viewer.getAttribute(authority, "KeyAlgorithm"));
            assertEquals(1, viewer.getAttribute(authority, "IssuedCount"));
            String show = KarafAccess.shellAs(sessions, "radsec:ca-show", "viewer", "viewer");
            assertTrue(show, show.contains("CN=TrustStore IT CA,O=Example Org") && show.contains(TrustStoreAnchor.fingerprint(root))
                    && show.contains("EC P-256"));
            String showPem = KarafAccess.shellAs(sessions, "radsec:ca-show --pem", "viewer", "viewer");
            assertEquals(root, parse(showPem));
            for (String text : new String[] {show, showPem, (String) viewer.getAttribute(authority, "CertificatePem")}) {
                assertFalse(text, text.contains("PRIVATE KEY"));
            }

            // ---- ca-issue --pkcs12: admins only; the file opens with the password, key, certificate and chain
            String viewerIssue = KarafAccess.shellAs(sessions, "radsec:ca-issue dev-2 --pkcs12 dev-2.p12 --password x",
                    "viewer", "viewer");
            assertTrue(viewerIssue, viewerIssue.contains("Command not found: radsec:ca-issue"));
            String issued = KarafAccess.shell(sessions, "radsec:ca-issue dev-1 --dns dev-1.example --pkcs12 dev-1.p12"
                    + " --password " + P12_PASSWORD);
            assertTrue(issued, issued.contains("Issued CN=dev-1") && issued.contains("PKCS#12:"));
            assertFalse(issued, issued.contains(P12_PASSWORD));
            Path p12 = etc.resolve("radsec/certs/dev-1.p12");
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(p12)) {
                store.load(in, P12_PASSWORD.toCharArray());
            }
            Certificate[] chain = store.getCertificateChain("dev-1");
            assertEquals(2, chain.length);
            assertEquals(root, chain[1]);
            assertTrue(((X509Certificate) chain[0]).getSubjectX500Principal().getName().contains("CN=dev-1"));
            PrivateKey key = (PrivateKey) store.getKey("dev-1", P12_PASSWORD.toCharArray());
            assertEquals("EC", key.getAlgorithm());
            assertEquals(2, viewer.getAttribute(authority, "IssuedCount"));
            openSslOpens(p12, P12_PASSWORD);
            // asked for, twice, when not given; read from the input where there is no terminal
            String asked = adminWithInput(sessions, "radsec:ca-issue dev-3 --pkcs12 dev-3.p12",
                    "typed-pass-3\ntyped-pass-3\n");
            assertTrue(asked, asked.contains("PKCS#12 password: ") && asked.contains("PKCS#12: "));
            assertFalse(asked, asked.contains("typed-pass-3"));
            openSslOpens(etc.resolve("radsec/certs/dev-3.p12"), "typed-pass-3");
            String differ = adminWithInput(sessions, "radsec:ca-issue dev-4 --pkcs12 dev-4.p12", "one\ntwo\n");
            assertTrue(differ, differ.contains("the passwords differ"));
            assertFalse(Files.exists(etc.resolve("radsec/certs/dev-4.crt")));
            String log = read(karafLog());
            assertFalse("the PKCS#12 password in karaf.log", log.contains(P12_PASSWORD) || log.contains("typed-pass-3"));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static final String[] STRING = {String.class.getName()};

    private static long refused(ListenerMonitor listeners) {
        return listeners.statistics("trustit").map(ListenerStatistics::tlsRefused).orElse(0L);
    }

    /** Whether an Access-Request over destination 7 is answered with an Accept (within 10 s). */
    private static boolean accepted(RadiusClient client) {
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dev.radsec.codec.Dictionary.standard())
                .add("User-Name", "alice").add("User-Password", "alice-pw").build();
        try {
            return client.send(DESTINATION, request).toCompletableFuture().get(10, TimeUnit.SECONDS).code()
                    == PacketCode.ACCESS_ACCEPT;
        } catch (Exception unavailableOrRefused) {
            return false;
        }
    }

    /**
     * The file holds a key with the certificate and the CA's, under {@code password}: read with the JDK, and with
     * {@code openssl pkcs12} when openssl is installed (it is where the interop tests run).
     */
    private static void openSslOpens(Path p12, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, password.toCharArray());
        }
        assertEquals(1, java.util.Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).count());
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            System.out.println("TrustStoreIT: no /usr/bin/openssl; the PKCS#12 file was checked with the JDK only");
            return;
        }
        Process p = new ProcessBuilder(openssl.toString(), "pkcs12", "-in", p12.toString(), "-passin",
                "pass:" + password, "-nokeys").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("openssl pkcs12 did not finish", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(output, 0, p.exitValue());
        assertEquals(output, 2, output.split("-----BEGIN CERTIFICATE-----", -1).length - 1);
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command as an admin with {@code input} as what is typed: a session without a terminal, as bin/client's. */
    private static String adminWithInput(SessionFactory factory, String command, String input) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);
        org.apache.karaf.shell.api.console.Session session = factory.create(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, out);
        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal("karaf"));
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal("admin"));
        try {
            javax.security.auth.Subject.doAs(subject,
                    (java.security.PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException | RuntimeException e) {
            out.println(KarafAccess.causes(e));
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private interface Call {
        void run() throws Exception;
    }

    /** The ACL refuses the call with a SecurityException. */
    private static void assertRefused(Call call) throws Exception {
        try {
            call.run();
            fail("a viewer was allowed");
        } catch (SecurityException expected) {
            // refused by etc/jmx.acl.dev.radsec.cfg
        }
    }

    /** The messages of what {@code call} throws; fails when it does not throw. */
    private static String message(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            return KarafAccess.causes(e);
        }
        fail("accepted");
        return null;
    }

    private static Object attribute(MBeanServerConnection jmx, ObjectName name, String attribute) {
        try {
            return jmx.getAttribute(name, attribute);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> s = Files.list(directory)) {
            return s.collect(Collectors.toList());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
    }

    // ------------------------------------------------------------------------------------------------ keytool

    /**
     * A root CA of another organisation, made with the JDK's keytool (basicConstraints cA=true, keyCertSign): its
     * key in {@code <alias>.p12}, its certificate in {@code <alias>.pem}, which is returned.
     */
    private static String newCa(Path dir, String alias, String dn) throws Exception {
        keytool(dir, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dn,
                "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-validity", "365",
                "-keystore", alias + ".p12", "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool(dir, "-exportcert", "-rfc", "-alias", alias, "-keystore", alias + ".p12", "-storepass", STORE_PASSWORD,
                "-file", alias + ".pem");
        return Files.readString(dir.resolve(alias + ".pem"));
    }

    /**
     * A RadSec client certificate issued by the CA {@code caAlias} (made by {@link #newCa}), with its key and chain in
     * the PKCS#12 file {@code p12}.
     *
     * @return the certificate alone, in PEM
     */
    private static Path clientCertificate(Path dir, String caAlias, String dn, Path p12) throws Exception {
        String store = p12.toAbsolutePath().toString();
        keytool(dir, "-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dn,
                "-validity", "30", "-keystore", store, "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool(dir, "-certreq", "-alias", "client", "-keystore", store, "-storepass", STORE_PASSWORD, "-file", "client.csr");
        keytool(dir, "-gencert", "-rfc", "-alias", caAlias, "-keystore", caAlias + ".p12", "-storepass", STORE_PASSWORD,
                "-infile", "client.csr", "-outfile", "client.pem", "-validity", "30", "-ext", "bc:c=ca:false",
                "-ext", "ku:c=digitalSignature", "-ext", "eku=clientAuth");
        keytool(dir, "-importcert", "-noprompt", "-alias", "issuer", "-file", caAlias + ".pem", "-keystore", store,
                "-storepass", STORE_PASSWORD);
        keytool(dir, "-importcert", "-alias", "client", "-file", "client.pem", "-keystore", store,
                "-storepass", STORE_PASSWORD);
        return dir.resolve("client.pem");
    }

    private static void keytool(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("keytool did not finish: " + command, p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command) + "\n" + output, 0, p.exitValue());
    }
}
