package dev.radsec.itests;

import static dev.radsec.itests.KarafTestSupport.etc;
import static dev.radsec.itests.KarafTestSupport.holds;
import static dev.radsec.itests.KarafTestSupport.list;
import static dev.radsec.itests.KarafTestSupport.logSince;
import static dev.radsec.itests.KarafTestSupport.logSize;
import static dev.radsec.itests.KarafTestSupport.logTail;
import static dev.radsec.itests.KarafTestSupport.ms;
import static dev.radsec.itests.KarafTestSupport.waitFor;
import static dev.radsec.itests.KarafTestSupport.writeAtomically;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;


import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;

import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CertificateStatus.Reason;
import dev.radsec.pki.CredentialEvent;
import dev.radsec.pki.CredentialListener;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.RevocationReason;

/**
 * Feature {@code radsec-pki} in a real Karaf: its services and metatype are published, and a named certificate
 * follows what an operator does on disk, with Karaf's fileinstall turning {@code etc/*.cfg} files into
 * configurations: dropping a cfg, replacing the PEM files, a rejected cfg edit, deleting the cfg, and a CRL
 * published by the organisation CA.
 *
 * <p>Waits are bounded polls: what they wait for is real file watching (fileinstall polls {@code etc} every
 * second, the PKI debounces file events 500 ms), not a timeout of the code under test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PkiFeatureIT extends KarafTestSupport {

    private static final String BUNDLE = "dev.radsec.pki";
    private static final String CERTIFICATE_PID = "dev.radsec.pki.certificate";
    private static final String TRUST_PID = "dev.radsec.pki.trust";
    private static final String NAME = "server";
    /** How long "nothing changes" is watched: longer than the PKI's 500 ms reload delay. */
    private static final Duration HOLD = Duration.ofMillis(1500);


    @Configuration
    public Option[] config() {
        return new Option[] {RadsecKaraf.karafWithFeatures("radsec-pki")};
    }

    // ------------------------------------------------------------------------------------------------ 1

    @Test
    public void pkiBundleIsActiveAndPublishesItsServices() throws Exception {
        activeBundle(BUNDLE);

        CredentialService credentials = services.get(CredentialService.class);
        OrganisationCa ca = services.get(OrganisationCa.class);
        assertEquals("CredentialService comes from " + BUNDLE, BUNDLE,
                bundleContext.getServiceReference(CredentialService.class).getBundle().getSymbolicName());
        assertEquals("OrganisationCa comes from " + BUNDLE, BUNDLE,
                bundleContext.getServiceReference(OrganisationCa.class).getBundle().getSymbolicName());
        assertEquals(Reason.NOT_CONFIGURED, credentials.certificate("no-such-certificate").reason());
        assertEquals("CA directory is ${karaf.etc}/radsec/ca",
                etc().resolve("radsec/ca/ca.pem"), ca.certificateFile().toAbsolutePath().normalize());
    }

    // ------------------------------------------------------------------------------------------------ 2

    @Test
    public void metatypeDescribesTheCertificateFactoryConfiguration() throws Exception {
        MetaTypeInformation info = metatype(BUNDLE, CERTIFICATE_PID, TRUST_PID);

        Map<String, AttributeDefinition> attributes = attributes(info, CERTIFICATE_PID);
        assertEquals("attribute ids of " + CERTIFICATE_PID,
                Set.of("name", "certificate", "private-key", "password", "retry-interval", "expiry-warning"), attributes.keySet());
        AttributeDefinition retry = attributes.get("retry-interval");
        assertEquals("type of retry-interval", AttributeDefinition.LONG, retry.getType());
        assertEquals("default of retry-interval", List.of("300"), defaults(retry));
        assertEquals("type of password", AttributeDefinition.PASSWORD, attributes.get("password").getType());
    }

    // ------------------------------------------------------------------------------------------------ PSK

    /**
     * A pre-shared key dropped as {@code etc/dev.radsec.pki.psk-<name>.cfg} with a key file is served by name, its
     * key file rotated on disk is picked up, and the metatype describes the factory PID with {@code key} a password.
     */
    @Test
    public void aPreSharedKeyFollowsItsCfgAndKeyFile() throws Exception {
        PreSharedKeys psks = services.get(PreSharedKeys.class);
        Map<String, AttributeDefinition> attributes = attributes(metatype(BUNDLE, "dev.radsec.pki.psk"),
                "dev.radsec.pki.psk");
        assertEquals("type of key", AttributeDefinition.PASSWORD, attributes.get("key").getType());
        Path etc = etc();
        Path keyFile = etc.resolve("radsec/branch.psk");
        Files.createDirectories(keyFile.getParent());
        writeAtomically(keyFile, "00112233445566778899aabbccddeeff\n");
        Path cfg = etc.resolve("dev.radsec.pki.psk-branch.cfg");
        writeAtomically(cfg, "identity = branch-17@example.org\nkey-file = radsec/branch.psk\ntls-version = 1.2\n");
        Supplier<String> state = () -> "\nstatus: " + psks.status("branch") + "\n" + logTail();
        try {
            waitFor("pre-shared key 'branch' available", FILE_TIMEOUT, () -> psks.key("branch").isPresent(), state);
            PreSharedKey key = psks.key("branch").orElseThrow();
            assertEquals("branch-17@example.org", key.identity());
            assertEquals(PreSharedKey.TlsVersion.TLS_1_2, key.version());
            assertFalse("the key is never shown", key.toString().contains("00112233"));

            byte[] rotated = java.util.HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");
            writeAtomically(keyFile, "ffeeddccbbaa99887766554433221100\n");
            waitFor("the rotated key file picked up", FILE_TIMEOUT,
                    () -> psks.key("branch").map(k -> k.keyEquals(rotated)).orElse(false), state);
        } finally {
            Files.deleteIfExists(cfg);
        }
        waitFor("the deleted cfg removes the key", FILE_TIMEOUT, () -> psks.key("branch").isEmpty(), state);
    }

    // ------------------------------------------------------------------------------------------------ 3..6

    @Test
    public void namedCertificateFollowsFilesAndConfiguration() throws Exception {
        CredentialService credentials = services.get(CredentialService.class);
        OrganisationCa ca = services.get(OrganisationCa.class);
        ConfigurationAdmin configAdmin = services.get(ConfigurationAdmin.class);
        Path etc = etc();
        Path radsec = etc.resolve("radsec");
        Path serverPem = radsec.resolve("server.pem");
        Path serverKey = radsec.resolve("server.key");
        Path certificateCfg = etc.resolve(CERTIFICATE_PID + "-" + NAME + ".cfg");
        Path trustCfg = etc.resolve(TRUST_PID + "-default.cfg");
        String validCfg = "name = " + NAME + "\ncertificate = radsec/server.pem\nprivate-key = radsec/server.key\n";

        List<CredentialEvent> events = new CopyOnWriteArrayList<>();
        CredentialListener listener = events::add;
        credentials.addListener(listener);
        Supplier<String> state = () -> "\nstatus: " + describe(credentials.certificate(NAME))
                + "\ntrust stores: " + credentials.trustStores()
                + "\nevents: " + events.stream().map(PkiFeatureIT::describe).collect(Collectors.joining("\n  ", "\n  ", ""))
                + "\nfiles in etc: " + list(etc) + "\nfiles in etc/radsec: " + list(radsec)
                + "\n" + logTail();
        Map<String, Long> timings = new LinkedHashMap<>();
        try {
            // 3. Org CA, a server certificate, and the cfg files an operator drops into etc.
            long t = System.nanoTime();
            assertFalse("a CA exists already in " + ca.certificateFile().getParent(), ca.exists());
            X509Certificate root = ca.create("CN=ITest RadSec CA,O=ITest Org", KeyAlgorithm.EC_P256, Duration.ofDays(365));
            assertEquals(etc.resolve("radsec/ca/ca.pem"), ca.certificateFile().toAbsolutePath().normalize());
            assertEquals(etc.resolve("radsec/ca/crl.pem"), ca.crlFile().toAbsolutePath().normalize());
            assertTrue("CRL published at creation: " + ca.crlFile(), Files.isRegularFile(ca.crlFile()));
            IssuedCertificate first = ca.issue(CertificateProfile.builder("radsec.itest.example").dnsName("radsec.itest.example")
                    .validity(Duration.ofDays(30)).build(), serverPem, serverKey);
            BigInteger serial1 = first.certificate().getSerialNumber();
            timings.put("CA created, certificate issued", ms(t));

            t = System.nanoTime();
            writeAtomically(trustCfg, "ca = radsec/ca/ca.pem\ncrl = radsec/ca/crl.pem\n");
            writeAtomically(certificateCfg, validCfg);
            waitFor("step 3: certificate '" + NAME + "' available with serial " + hex(serial1) + " after dropping "
                    + certificateCfg.getFileName(), FILE_TIMEOUT,
                    () -> credentials.certificate(NAME).isAvailable()
                            && credentials.certificate(NAME).serial().orElse(BigInteger.ZERO).equals(serial1), state);
            timings.put("cfg dropped -> available", ms(t));
            waitFor("step 3: trust store 'default' loaded with the CA certificate", FILE_TIMEOUT,
                    () -> credentials.trustAnchors("default").contains(root), state);
            // The status is published just before listeners are told, so the event is waited for too.
            waitFor("step 3: CERTIFICATE_AVAILABLE event", FILE_TIMEOUT,
                    () -> seen(events, CredentialEvent.Kind.CERTIFICATE_AVAILABLE, serial1), state);

            // 4. Replace the files under the running configuration: no restart, no config edit.
            t = System.nanoTime();
            Path nextPem = radsec.resolve("server-next.pem");
            Path nextKey = radsec.resolve("server-next.key");
            IssuedCertificate second = ca.issue(CertificateProfile.builder("radsec.itest.example")
                    .dnsName("radsec.itest.example").validity(Duration.ofDays(30)).build(), nextPem, nextKey);
            BigInteger serial2 = second.certificate().getSerialNumber();
            assertNotEquals(serial1, serial2);
            Files.move(nextKey, serverKey, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(nextPem, serverPem, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            waitFor("step 4: serial " + hex(serial2) + " in use and CERTIFICATE_CHANGED seen after replacing the files",
                    FILE_TIMEOUT, () -> credentials.certificate(NAME).serial().orElse(BigInteger.ZERO).equals(serial2)
                            && seen(events, CredentialEvent.Kind.CERTIFICATE_CHANGED, serial2), state);
            assertTrue("available after replacement" + state.get(), credentials.certificate(NAME).isAvailable());
            timings.put("files replaced -> changed", ms(t));

            // 5a. An invalid edit is rejected; the running configuration stays.
            t = System.nanoTime();
            long logOffset = logSize();
            writeAtomically(certificateCfg, validCfg + "retry-interval = 0\n");
            waitFor("step 5: ConfigAdmin shows retry-interval=0 from the edited cfg", FILE_TIMEOUT,
                    () -> "0".equals(String.valueOf(configProperty(configAdmin, "retry-interval"))), state);
            waitFor("step 5: the PKI logs that it rejected retry-interval=0", FILE_TIMEOUT,
                    () -> logSince(logOffset).lines().anyMatch(l -> l.contains("rejected") && l.contains("retry-interval")),
                    state);
            // The rejection is logged before anything is queued; hold the check past the 500 ms reload delay so an
            // asynchronous wrong apply would be seen.
            holds("step 5: still available with serial " + hex(serial2) + " after the invalid edit", HOLD,
                    () -> credentials.certificate(NAME).isAvailable()
                            && serial2.equals(credentials.certificate(NAME).serial().orElse(null)), state);
            timings.put("invalid edit -> rejected", ms(t));

            // 5b. Deleting the cfg removes the certificate.
            t = System.nanoTime();
            Files.delete(certificateCfg);
            waitFor("step 5: NOT_CONFIGURED after deleting " + certificateCfg.getFileName(), FILE_TIMEOUT,
                    () -> credentials.certificate(NAME).reason() == Reason.NOT_CONFIGURED, state);
            waitFor("step 5: CERTIFICATE_REMOVED event", FILE_TIMEOUT,
                    () -> seen(events, CredentialEvent.Kind.CERTIFICATE_REMOVED, null), state);
            timings.put("cfg deleted -> not configured", ms(t));

            // 6. Put the cfg back, then revoke the certificate: the trust store watches the CRL file.
            t = System.nanoTime();
            writeAtomically(certificateCfg, validCfg);
            waitFor("step 6: available again with serial " + hex(serial2) + " after re-dropping the cfg", FILE_TIMEOUT,
                    () -> credentials.certificate(NAME).isAvailable()
                            && credentials.certificate(NAME).serial().orElse(BigInteger.ZERO).equals(serial2), state);
            timings.put("cfg re-dropped -> available", ms(t));
            t = System.nanoTime();
            ca.revoke(serial2, RevocationReason.KEY_COMPROMISE);
            waitFor("step 6: REVOKED after the CA revoked serial " + hex(serial2), FILE_TIMEOUT,
                    () -> credentials.certificate(NAME).reason() == Reason.REVOKED, state);
            waitFor("step 6: CERTIFICATE_UNAVAILABLE (revoked) event", FILE_TIMEOUT,
                    () -> events.stream().anyMatch(e -> e.kind() == CredentialEvent.Kind.CERTIFICATE_UNAVAILABLE
                            && e.status().map(s -> s.reason() == Reason.REVOKED).orElse(false)), state);
            timings.put("revoked -> REVOKED", ms(t));

            // 7. An uploaded root CA becomes a trust store of its own, configured through ConfigAdmin.
            t = System.nanoTime();
            dev.radsec.pki.TrustStoreAdmin admin = services.get(dev.radsec.pki.TrustStoreAdmin.class);
            String rootPem = Files.readString(ca.certificateFile());
            Path written = admin.importCa("uploaded", rootPem);
            assertTrue(written.toString(), written.startsWith(etc().resolve("radsec/trust/uploaded")));
            java.security.cert.X509Certificate uploaded = ca.certificate();
            waitFor("step 7: the uploaded CA forms trust store 'uploaded'", FILE_TIMEOUT,
                    () -> credentials.trustAnchors("uploaded").contains(uploaded),
                    () -> "trust stores " + credentials.trustStores());
            String leafPem = Files.readString(etc().resolve("radsec/server.pem"));
            try {
                admin.importCa("uploaded", leafPem);
                fail("a leaf certificate was accepted as a CA");
            } catch (dev.radsec.pki.CaException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("not a CA certificate"));
            }
            timings.put("CA uploaded -> trust store", ms(t));
        } finally {
            credentials.removeListener(listener);
            System.out.println("PkiFeatureIT timings (ms): " + timings);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers




    private static boolean seen(List<CredentialEvent> events, CredentialEvent.Kind kind, BigInteger serial) {
        return events.stream().anyMatch(e -> e.name().equals(NAME) && e.kind() == kind
                && (serial == null || e.status().flatMap(CertificateStatus::serial).map(serial::equals).orElse(false)));
    }

    /** The value of {@code key} in the certificate factory configuration named {@value #NAME}, or null. */
    private static Object configProperty(ConfigurationAdmin configAdmin, String key) {
        try {
            org.osgi.service.cm.Configuration[] configs = configAdmin.listConfigurations(
                    "(&(service.factoryPid=" + CERTIFICATE_PID + ")(name=" + NAME + "))");
            if (configs == null || configs.length == 0) {
                return null;
            }
            Dictionary<String, Object> properties = configs[0].getProperties();
            return properties == null ? null : properties.get(key);
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError("cannot list configurations: " + e, e);
        }
    }








    private static String describe(CertificateStatus s) {
        return s + ", reason " + s.reason() + ", serial " + s.serial().map(PkiFeatureIT::hex).orElse("-");
    }

    private static String describe(CredentialEvent e) {
        return e.kind() + " " + e.name() + e.status().map(s -> ": " + describe(s)).orElse("");
    }

    private static String hex(BigInteger serial) {
        return serial.toString(16);
    }

}
