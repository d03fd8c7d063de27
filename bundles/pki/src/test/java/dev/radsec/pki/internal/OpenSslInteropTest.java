package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Peers;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.CertificateProfile.Usage;
import dev.radsec.pki.IssuedCertificate;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.RevocationReason;
import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with OpenSSL: what our CA issues verifies with {@code openssl verify} (and a revoked certificate
 * fails with a CRL check), keys and certificates OpenSSL writes load with {@link KeyedChainReader}, and a CSR made by
 * {@code openssl req} is signed by our CA. Skipped without {@code /usr/bin/openssl}, failed then if {@code CI} is set.
 */
class OpenSslInteropTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final String PASSWORD = "Interop-Pass-4711";
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @BeforeEach
    void needOpenSsl() {
        Peers.assumeInstalled(OPENSSL, "openssl");
    }

    // ------------------------------------------------------------------ (a) our certificates, verified by OpenSSL

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "RSA_2048"})
    void issuedCertificatesVerifyAndRevocationIsSeen(KeyAlgorithm algorithm) throws Exception {
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve("ca"), Clock.systemUTC());
        ca.create("CN=Interop CA,O=Example Org", algorithm, Duration.ofDays(365));
        String caFile = ca.certificateFile().toString();

        CertificateProfile server = CertificateProfile.builder("radsec.example.org").dnsName("radsec.example.org")
                .ipAddress(InetAddress.getByName("192.0.2.1")).naiRealm("example.org").usage(Usage.SERVER)
                .keyAlgorithm(algorithm).build();
        IssuedCertificate kept = ca.issue(server, dir.resolve("kept.pem"), dir.resolve("kept.key"));
        IssuedCertificate revoked = ca.issue(CertificateProfile.builder("ap-1").usage(Usage.CLIENT).keyAlgorithm(algorithm)
                .build(), dir.resolve("revoked.pem"), dir.resolve("revoked.key"));

        ok(openssl("verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", caFile, kept.certificateFile().toString()));
        ok(openssl("verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", caFile,
                revoked.certificateFile().toString()));
        // the empty CRL published at creation is accepted
        ok(openssl("verify", "-crl_check", "-CAfile", caFile, "-CRLfile", ca.crlFile().toString(),
                revoked.certificateFile().toString()));
        // OpenSSL reads our keys, and they match the certificates
        ok(openssl("pkey", "-in", kept.keyFile().toString(), "-noout"));
        assertEquals(openssl("x509", "-in", kept.certificateFile().toString(), "-noout", "-pubkey").output,
                openssl("pkey", "-in", kept.keyFile().toString(), "-pubout").output);
        Result text = ok(openssl("x509", "-in", kept.certificateFile().toString(), "-noout", "-text"));
        assertTrue(text.output.contains("DNS:radsec.example.org") && text.output.contains("IP Address:192.0.2.1"),
                text.output);
        // OpenSSL 3 knows id-on-naiRealm and shows the UTF8String value
        assertTrue(text.output.contains("NAIRealm::example.org"), text.output);

        ca.revoke(revoked.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        Result refused = openssl("verify", "-crl_check", "-CAfile", caFile, "-CRLfile", ca.crlFile().toString(),
                revoked.certificateFile().toString());
        assertNotEquals(0, refused.exit, refused.toString());
        assertTrue(refused.output.contains("certificate revoked"), refused.toString());
        ok(openssl("verify", "-crl_check", "-CAfile", caFile, "-CRLfile", ca.crlFile().toString(),
                kept.certificateFile().toString()));

        Result crl = ok(openssl("crl", "-in", ca.crlFile().toString(), "-noout", "-text"));
        assertTrue(crl.output.contains("X509v3 CRL Number") && crl.output.contains("Key Compromise"), crl.output);
        ok(openssl("crl", "-in", ca.crlFile().toString(), "-noout", "-CAfile", caFile));
    }

    // ------------------------------------------------------------------ (b) OpenSSL's files, read by us

    /**
     * With OpenSSL, from {@code key}: a self-signed certificate {@code NAME.crt} for {@code NAME.example.org}, and the
     * key as PKCS#8, plain ({@code NAME-p8.key}) and encrypted with the password ({@code NAME-p8-enc.key}).
     */
    private void certificateAndPkcs8Keys(String name, String key) throws Exception {
        ok(openssl("req", "-x509", "-new", "-key", key, "-subj", "/CN=" + name + ".example.org", "-days", "2",
                "-out", name + ".crt"));
        ok(openssl("pkcs8", "-topk8", "-nocrypt", "-in", key, "-out", name + "-p8.key"));
        ok(openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:" + PASSWORD, "-in", key,
                "-out", name + "-p8-enc.key"));
    }

    @Test
    void rsaKeysInEveryFormat() throws Exception {
        ok(openssl("genrsa", "-traditional", "-out", "rsa-trad.key", "2048"));
        assertTrue(read("rsa-trad.key").startsWith("-----BEGIN RSA PRIVATE KEY-----"), read("rsa-trad.key"));
        certificateAndPkcs8Keys("rsa", "rsa-trad.key");
        ok(openssl("rsa", "-aes256", "-traditional", "-passout", "pass:" + PASSWORD, "-in", "rsa-trad.key", "-out",
                "rsa-legacy-enc.key"));
        assertTrue(read("rsa-p8.key").startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(read("rsa-p8-enc.key").startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertTrue(read("rsa-legacy-enc.key").contains("Proc-Type: 4,ENCRYPTED"));
        assertAllLoad("rsa.crt", "rsa-trad.key", "rsa-p8.key", "rsa-p8-enc.key", "rsa-legacy-enc.key");
        assertPkcs12Loads("rsa.crt", "rsa-trad.key");
    }

    @Test
    void ecKeysInEveryFormat() throws Exception {
        ok(openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec-trad.key"));
        assertTrue(read("ec-trad.key").startsWith("-----BEGIN EC PARAMETERS-----"), read("ec-trad.key"));
        ok(openssl("ec", "-in", "ec-trad.key", "-out", "ec-sec1.key"));
        assertTrue(read("ec-sec1.key").startsWith("-----BEGIN EC PRIVATE KEY-----"), read("ec-sec1.key"));
        certificateAndPkcs8Keys("ec", "ec-trad.key");
        ok(openssl("ec", "-aes256", "-passout", "pass:" + PASSWORD, "-in", "ec-trad.key", "-out", "ec-legacy-enc.key"));
        assertTrue(read("ec-legacy-enc.key").contains("Proc-Type: 4,ENCRYPTED"), read("ec-legacy-enc.key"));
        // PKCS#8 encrypted with scrypt (openssl pkcs8 -scrypt): Bouncy Castle's OpenSSL decryptor took it for PBKDF2
        ok(openssl("pkcs8", "-topk8", "-scrypt", "-passout", "pass:" + PASSWORD, "-in", "ec-trad.key", "-out",
                "ec-p8-scrypt.key"));
        assertAllLoad("ec.crt", "ec-trad.key", "ec-sec1.key", "ec-p8.key", "ec-p8-enc.key", "ec-legacy-enc.key",
                "ec-p8-scrypt.key");
        assertPkcs12Loads("ec.crt", "ec-trad.key");

        // DER certificate written by OpenSSL
        ok(openssl("x509", "-in", "ec.crt", "-outform", "DER", "-out", "ec.der"));
        assertEquals(KeyedChainReader.load(file("ec.crt"), file("ec-p8.key"), null).leaf(),
                KeyedChainReader.load(file("ec.der"), file("ec-p8.key"), null).leaf());

        // a key that belongs to another certificate
        ok(openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "other.key"));
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> KeyedChainReader.load(file("ec.crt"), file("other.key"), null));
        assertEquals(Kind.KEY_MISMATCH, e.kind(), e.getMessage());
    }

    @Test
    void opensslCaDirectory() throws Exception {
        ok(openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                "ca1.key", "-subj", "/CN=OpenSSL CA 1", "-days", "2", "-out", "ca1.pem"));
        Files.createDirectory(file("cas"));
        Files.copy(file("ca1.pem"), file("cas/ca1.pem"));
        // openssl req -x509 adds basicConstraints CA:TRUE by default (openssl.cnf v3_ca)
        List<X509Certificate> cas = CertificateReader.loadCaCertificates(file("cas"));
        assertEquals(1, cas.size());
        // a leaf made by openssl x509 -req without extensions is not a CA
        ok(openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "leaf.key",
                "-subj", "/CN=leaf", "-out", "leaf.csr"));
        ok(openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca1.pem", "-CAkey", "ca1.key", "-days", "1",
                "-set_serial", "7", "-out", "cas/leaf.pem"));
        CredentialFileException e = assertThrows(CredentialFileException.class,
                () -> CertificateReader.loadCaCertificates(file("cas")));
        assertEquals(Kind.NOT_A_CA, e.kind());
        assertEquals(file("cas/leaf.pem"), e.file());
    }

    // ------------------------------------------------------------------ (c) an OpenSSL CSR, signed by our CA

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "RSA_2048"})
    void opensslCsrSignedByOurCa(KeyAlgorithm algorithm) throws Exception {
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve("ca"), Clock.systemUTC());
        ca.create("CN=CSR CA,O=Example Org", algorithm, Duration.ofDays(30));
        List<String> newKey = algorithm == KeyAlgorithm.EC_P256
                ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256")
                : List.of("-newkey", "rsa:2048");
        List<String> args = new ArrayList<>(List.of("req", "-new"));
        args.addAll(newKey);
        args.addAll(List.of("-nodes", "-keyout", "device.key", "-subj", "/CN=ap-42", "-out", "device.csr"));
        ok(openssl(args.toArray(new String[0])));

        X509Certificate leaf = ca.signCsr(read("device.csr"), CertificateProfile.builder("ap-42.example.org")
                .dnsName("ap-42.example.org").usage(Usage.CLIENT).validity(Duration.ofDays(7)).build());
        PemWriter.create(file("device.pem"), leaf);
        ok(openssl("verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", ca.certificateFile().toString(),
                "device.pem"));
        // OpenSSL's key and our certificate belong together
        KeyedChain kc = KeyedChainReader.load(file("device.pem"), file("device.key"), null);
        assertEquals(leaf, kc.leaf());

        // a CSR whose signature was tampered with is refused
        ok(openssl("req", "-in", "device.csr", "-outform", "DER", "-out", "device.csr.der"));
        byte[] der = Files.readAllBytes(file("device.csr.der"));
        der[der.length - 3] ^= 0x55;
        String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
        assertThrows(dev.radsec.pki.CaException.class,
                () -> ca.signCsr(tampered, CertificateProfile.builder("x").build()));
    }

    // ------------------------------------------------------------------ PKCS#12 for devices

    /** A PKCS#12 file our CA writes opens with {@code openssl pkcs12}: the key, the certificate and the CA's. */
    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "RSA_2048"})
    void issuedPkcs12OpensWithOpenSsl(KeyAlgorithm algorithm) throws Exception {
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve("ca"), Clock.systemUTC());
        ca.create("CN=Interop CA,O=Example Org", algorithm, Duration.ofDays(365));
        IssuedCertificate issued = ca.issue(CertificateProfile.builder("ap-7").usage(Usage.CLIENT).keyAlgorithm(algorithm)
                .build(), dir.resolve("ap-7.crt"), dir.resolve("ap-7.key"), dir.resolve("ap-7.p12"), PASSWORD.toCharArray());
        String p12 = issued.pkcs12File().orElseThrow().toString();

        ok(openssl("pkcs12", "-in", p12, "-passin", "pass:" + PASSWORD, "-noout"));
        Result certificates = ok(openssl("pkcs12", "-in", p12, "-passin", "pass:" + PASSWORD, "-nokeys"));
        assertEquals(2, certificates.output.split("-----BEGIN CERTIFICATE-----", -1).length - 1, certificates.output);
        assertTrue(certificates.output.contains("friendlyName: ap-7"), certificates.output);
        assertTrue(certificates.output.contains("CN=Interop CA"), certificates.output);
        Result key = ok(openssl("pkcs12", "-in", p12, "-passin", "pass:" + PASSWORD, "-nocerts", "-nodes", "-out", "ap-7-out.key"));
        assertEquals(openssl("x509", "-in", issued.certificateFile().toString(), "-noout", "-pubkey").output,
                ok(openssl("pkey", "-in", "ap-7-out.key", "-pubout")).output, key.output);
        Result wrong = openssl("pkcs12", "-in", p12, "-passin", "pass:wrong", "-noout");
        assertNotEquals(0, wrong.exit, wrong.toString());
    }

    // ------------------------------------------------------------------ helpers

    private void assertAllLoad(String certificate, String... keys) throws Exception {
        X509Certificate expected = CertificateReader.loadCertificates(file(certificate)).get(0);
        for (String key : keys) {
            boolean encrypted = read(key).contains("ENCRYPTED");
            KeyedChain kc = KeyedChainReader.load(file(certificate), file(key), encrypted ? PASSWORD.toCharArray() : null);
            assertEquals(expected, kc.leaf(), key);
            if (encrypted) {
                CredentialFileException e = assertThrows(CredentialFileException.class,
                        () -> KeyedChainReader.load(file(certificate), file(key), "wrong".toCharArray()), key);
                assertEquals(file(key) + ": wrong password for the encrypted private key", e.getMessage());
            }
        }
        // OpenSSL's own view of the public key equals ours
        ok(openssl("x509", "-in", certificate, "-noout", "-pubkey"));
    }

    private void assertPkcs12Loads(String certificate, String key) throws Exception {
        X509Certificate expected = CertificateReader.loadCertificates(file(certificate)).get(0);
        ok(openssl("pkcs12", "-export", "-inkey", key, "-in", certificate, "-passout", "pass:" + PASSWORD, "-out",
                "bundle.p12"));
        assertEquals(expected, KeyedChainReader.load(file("bundle.p12"), null, PASSWORD.toCharArray()).leaf());
        // recognised by content too
        Files.copy(file("bundle.p12"), file("bundle.bin"));
        assertEquals(expected, KeyedChainReader.load(file("bundle.bin"), null, PASSWORD.toCharArray()).leaf());
        CredentialFileException wrong = assertThrows(CredentialFileException.class,
                () -> KeyedChainReader.load(file("bundle.p12"), null, "wrong".toCharArray()));
        assertTrue(wrong.getMessage().contains("wrong password"), wrong.getMessage());

        Result legacy = openssl("pkcs12", "-export", "-legacy", "-inkey", key, "-in", certificate, "-passout",
                "pass:" + PASSWORD, "-out", "legacy.p12");
        if (legacy.exit == 0) {
            assertEquals(expected, KeyedChainReader.load(file("legacy.p12"), null, PASSWORD.toCharArray()).leaf());
        } else {
            // OpenSSL built without its legacy provider: nothing to read
            System.out.println("openssl pkcs12 -legacy is not available here: " + legacy);
        }
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private String read(String name) throws IOException {
        return Files.readString(file(name), StandardCharsets.US_ASCII);
    }

    private static Result ok(Result r) {
        assertEquals(0, r.exit, r.toString());
        return r;
    }

    /** Runs openssl in the temporary directory with a bounded wait; output is stdout and stderr together. */
    private Result openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Path out = Files.createTempFile(dir, ".openssl", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(command, p.exitValue(), output);
    }

    private static final class Result {
        final List<String> command;
        final int exit;
        final String output;

        Result(List<String> command, int exit, String output) {
            this.command = command;
            this.exit = exit;
            this.output = output;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exit + ":\n" + output;
        }
    }
}
