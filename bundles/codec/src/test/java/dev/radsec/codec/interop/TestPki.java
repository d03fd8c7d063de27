package dev.radsec.codec.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PKI for TLS interop tests, made with the {@code openssl} command line tool in a directory of the
 * test's own: one self-signed CA, certificates it issues, revocation and a CRL. All keys are unencrypted EC P-256
 * in PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}); certificates are PEM, valid from now for 30 days, and carry
 * both extended key usages, {@code serverAuth} and {@code clientAuth}.
 *
 * <p>{@link #create(Path)} makes the CA and two certificates:
 * <ul>
 *   <li>{@link #server()}: CN {@code localhost}, subjectAltName {@code DNS:localhost, IP:127.0.0.1, IP:::1};</li>
 *   <li>{@link #client()}: CN {@code client}, no subjectAltName.</li>
 * </ul>
 * Creating it takes about 0.1 s. The files are 0600/0644 in {@link #directory()}; nothing else is touched.
 * Not thread-safe.
 */
public final class TestPki {
    /** The openssl binary on Debian. */
    public static final Path OPENSSL = Path.of("/usr/bin/openssl");
    /** The Debian package providing {@link #OPENSSL}. */
    public static final String OPENSSL_PACKAGE = "openssl";

    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(20);
    private static final String DAYS = "30";

    /** A certificate and its private key, both PEM files. */
    public record Credential(Path certificate, Path key) {
        public Credential {
            Objects.requireNonNull(certificate);
            Objects.requireNonNull(key);
        }
    }

    private final Path directory;
    private final Credential ca;
    private final Path caConfig;
    private Credential server;
    private Credential client;
    private long nextSerial = 0x1000;

    private TestPki(Path directory, Credential ca, Path caConfig) {
        this.directory = directory;
        this.ca = ca;
        this.caConfig = caConfig;
    }

    /**
     * Creates the CA, the {@link #server()} and the {@link #client()} certificate in {@code directory} (created if
     * missing; typically a JUnit {@code @TempDir}).
     *
     * @throws IllegalStateException with openssl's output when a command fails
     */
    public static TestPki create(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath();
        Files.createDirectories(dir);
        Path caDb = dir.resolve("ca-db");
        Files.createDirectories(caDb);
        Files.writeString(caDb.resolve("index.txt"), "");
        Files.writeString(caDb.resolve("crlnumber"), "01\n");
        Credential ca = new Credential(dir.resolve("ca.pem"), dir.resolve("ca.key"));
        Path caConfig = caDb.resolve("ca.cnf");
        // Only what 'openssl ca -revoke' and '-gencrl' read; certificates are issued with 'openssl x509 -req'.
        Files.writeString(caConfig, "[ ca ]\n"
                + "default_ca = test_ca\n"
                + "[ test_ca ]\n"
                + "database = " + caDb.resolve("index.txt") + "\n"
                + "crlnumber = " + caDb.resolve("crlnumber") + "\n"
                + "certificate = " + ca.certificate() + "\n"
                + "private_key = " + ca.key() + "\n"
                + "default_md = sha256\n"
                + "default_crl_days = " + DAYS + "\n"
                + "unique_subject = no\n");
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", ca.key().toString(), "-out", ca.certificate().toString(), "-days", DAYS,
                "-subj", "/CN=Interop Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-addext", "subjectKeyIdentifier=hash");
        TestPki pki = new TestPki(dir, ca, caConfig);
        pki.server = pki.issue("server", "localhost", "DNS:localhost", "IP:127.0.0.1", "IP:::1");
        pki.client = pki.issue("client", "client");
        return pki;
    }

    /** The directory holding every file of this PKI. */
    public Path directory() {
        return directory;
    }

    /** The CA: {@code ca.pem}, {@code ca.key}. */
    public Credential ca() {
        return ca;
    }

    /** The CA certificate, {@code ca.pem}: the trust anchor for both sides. */
    public Path caCertificate() {
        return ca.certificate();
    }

    /** {@code server.pem}/{@code server.key}: CN localhost, SAN DNS:localhost, IP:127.0.0.1, IP:::1. */
    public Credential server() {
        return server;
    }

    /** {@code client.pem}/{@code client.key}: CN client, no SAN. */
    public Credential client() {
        return client;
    }

    /**
     * Issues a new certificate from the CA: {@code NAME.pem} and {@code NAME.key} in {@link #directory()}, with a
     * new serial number.
     *
     * @param name file name stem, letters, digits, {@code -} and {@code _} only
     * @param commonName the subject's CN
     * @param subjectAltNames in openssl's syntax, e.g. {@code DNS:localhost}, {@code IP:127.0.0.1},
     *                        {@code URI:...}; none for a certificate without subjectAltName
     */
    public Credential issue(String name, String commonName, String... subjectAltNames) throws IOException {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("bad file name stem: " + name);
        }
        if (commonName.contains("/") || commonName.contains("\\") || commonName.contains("\n")) {
            throw new IllegalArgumentException("keep the CN simple: " + commonName);
        }
        Credential c = new Credential(directory.resolve(name + ".pem"), directory.resolve(name + ".key"));
        Path csr = directory.resolve(name + ".csr");
        Path ext = directory.resolve(name + ".ext");
        StringBuilder e = new StringBuilder()
                .append("basicConstraints = critical,CA:FALSE\n")
                .append("keyUsage = critical,digitalSignature\n")
                .append("extendedKeyUsage = serverAuth,clientAuth\n")
                .append("subjectKeyIdentifier = hash\n")
                .append("authorityKeyIdentifier = keyid\n");
        if (subjectAltNames.length > 0) {
            e.append("subjectAltName = ").append(String.join(",", subjectAltNames)).append('\n');
        }
        Files.writeString(ext, e);
        openssl(directory, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", c.key().toString(), "-out", csr.toString(), "-subj", "/CN=" + commonName);
        openssl(directory, "x509", "-req", "-in", csr.toString(), "-CA", ca.certificate().toString(),
                "-CAkey", ca.key().toString(), "-set_serial", String.valueOf(nextSerial++), "-days", DAYS,
                "-sha256", "-extfile", ext.toString(), "-out", c.certificate().toString());
        return c;
    }

    /**
     * Revokes a certificate this CA issued (it need not be known to the CA database) and rewrites the CRL;
     * {@link #hashedDir()} must be called again for the hashed directory to see the change.
     */
    public void revoke(Credential credential) throws IOException {
        openssl(directory, "ca", "-batch", "-config", caConfig.toString(), "-revoke",
                credential.certificate().toString());
        crl();
    }

    /** Writes the CA's current CRL, {@code crl.pem} (valid 30 days; empty when nothing is revoked) and returns it. */
    public Path crl() throws IOException {
        Path crl = directory.resolve("crl.pem");
        openssl(directory, "ca", "-batch", "-config", caConfig.toString(), "-gencrl", "-out", crl.toString());
        return crl;
    }

    /**
     * (Re)builds {@code hashed/}: the CA certificate and its current CRL under OpenSSL's hashed names
     * ({@code HASH.0}, {@code HASH.r0}, by {@code openssl rehash}), as FreeRADIUS's {@code ca_path} with
     * {@code check_crl} and radsecproxy's {@code CACertificatePath} with {@code CRLCheck} need them.
     *
     * @return the directory
     */
    public Path hashedDir() throws IOException {
        Path crl = crl();
        Path hashed = directory.resolve("hashed");
        if (Files.isDirectory(hashed)) {
            try (Stream<Path> files = Files.list(hashed)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(hashed);
        Files.copy(ca.certificate(), hashed.resolve("ca.pem"));
        Files.copy(crl, hashed.resolve("crl.pem"));
        openssl(directory, "rehash", hashed.toString());
        return hashed;
    }

    /**
     * Runs {@code openssl ARGS} in {@code workDir} and returns its combined output.
     *
     * @throws IllegalStateException with the output when it exits non-zero or does not exit within 20 s
     */
    public static String openssl(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(OPENSSL.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "openssl-", ".out");
        try {
            Process p = PeerProcess.launch(command, workDir, out);
            boolean exited;
            try {
                exited = p.waitFor(OPENSSL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command, e);
            }
            String output = Files.readString(out, StandardCharsets.ISO_8859_1);
            if (!exited) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not exit within " + OPENSSL_TIMEOUT + ":\n" + output);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited with " + p.exitValue() + ":\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
