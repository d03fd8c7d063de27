package dev.radsec.codec.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code eapol_test} (Debian package eapoltest, built from wpa_supplicant 2.10): a real 802.1X
 * supplicant and the RADIUS side of an access point in one process, so it plays the whole NAS towards a RADIUS/UDP
 * server.
 *
 * <p>It runs as {@code eapol_test -c NET.conf -a HOST -p PORT -s SECRET -t 15}: one authentication, given up after
 * 15 s. After an Access-Accept it decrypts MS-MPPE-Recv-Key and MS-MPPE-Send-Key (RFC 2548 2.4.2/2.4.3) with its
 * secret and its own Request Authenticator, and compares them with the keys it derived from the EAP method itself;
 * it prints {@value #MPPE_KEYS_OK} and {@code SUCCESS} and exits 0 when they agree. A key encrypted for another
 * hop (a proxy that passed the attribute through unchanged) decrypts to garbage: its length octet is then almost
 * always out of range and it logs "RADIUS: {@value #MPPE_DECRYPT_FAILED}" for each key (about one run in 30 both
 * garbage keys pass that check instead). Either way it goes on to "CTRL-EVENT-EAP-SUCCESS", then prints
 * "WARNING: PMK mismatch", {@code MPPE keys OK: 0  mismatch: 1} and {@code FAILURE}, and exits 252 (-4): a
 * successful EAP run and a failed one are told apart by the output, not the exit code.
 *
 * <p>Its output (stdout and stderr together) goes to a file, so it can never block on a full pipe. Not thread-safe.
 */
public final class EapolTest {
    /** The binary on Debian. */
    public static final Path BINARY = Path.of("/usr/bin/eapol_test");
    /** The Debian package providing {@link #BINARY}. */
    public static final String PACKAGE = "eapoltest";
    /** Printed for one authentication whose MPPE keys decrypted and equal its own (two spaces before mismatch). */
    public static final String MPPE_KEYS_OK = "MPPE keys OK: 1  mismatch: 0";
    /** What eapol_test logs when an MS-MPPE key does not decrypt with its secret and Request Authenticator. */
    public static final String MPPE_DECRYPT_FAILED = "Failed to decrypt MPPE key";
    /** eapol_test's own timeout ({@code -t}): it exits after it. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** How long after {@link #TIMEOUT} eapol_test is given to exit before it is killed. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private EapolTest() {
    }

    /** A {@code network={...}} block of wpa_supplicant's configuration. */
    public record Network(String method, List<String> items) {
        /** The configuration file's text. */
        String config() {
            StringBuilder b = new StringBuilder("network={\n");
            items.forEach(item -> b.append('\t').append(item).append('\n'));
            return b.append("}\n").toString();
        }
    }

    /**
     * EAP-TLS with a client certificate. {@code eapol_flags=0}: no dynamic WEP keys, as for WPA2-Enterprise.
     *
     * @param caCert PEM CA certificate the server's certificate must chain to
     * @param clientCert PEM client certificate
     * @param privateKey its unencrypted PEM key
     */
    public static Network tls(String identity, Path caCert, Path clientCert, Path privateKey) {
        return new Network("EAP-TLS", List.of("key_mgmt=WPA-EAP", "eap=TLS", "identity=" + quoted(identity),
                "ca_cert=" + quoted(caCert), "client_cert=" + quoted(clientCert),
                "private_key=" + quoted(privateKey), "eapol_flags=0"));
    }

    /**
     * PEAP (version 0, as Windows and Android use it) with MSCHAPv2 inside the tunnel.
     *
     * @param caCert PEM CA certificate the server's certificate must chain to
     */
    public static Network peapMschapv2(String identity, String password, Path caCert) {
        return new Network("PEAP/MSCHAPv2", List.of("key_mgmt=WPA-EAP", "eap=PEAP", "identity=" + quoted(identity),
                "password=" + quoted(password), "phase2=\"auth=MSCHAPV2\"", "ca_cert=" + quoted(caCert)));
    }

    private static String quoted(Object value) {
        String s = value instanceof Path p ? p.toAbsolutePath().toString() : value.toString();
        if (s.contains("\"") || s.contains("\n")) {
            throw new IllegalArgumentException("no quotes or line breaks in " + s);
        }
        return "\"" + s + "\"";
    }

    /**
     * Writes {@code network} to a configuration file in {@code workDir}, runs one authentication against
     * {@code server} (an IPv4 address) with {@code secret}, and waits for eapol_test to exit.
     *
     * @throws AssertionError with its output when it does not exit within {@link #TIMEOUT} plus 10 s (it is killed)
     */
    public static Result run(Path workDir, Network network, InetSocketAddress server, String secret)
            throws IOException, InterruptedException {
        Path conf = Files.createTempFile(workDir, "eapol_test-", ".conf");
        Files.writeString(conf, network.config());
        Path out = Files.createTempFile(workDir, "eapol_test-", ".out");
        List<String> command = List.of(BINARY.toString(), "-c", conf.toString(),
                "-a", server.getAddress().getHostAddress(), "-p", String.valueOf(server.getPort()),
                "-s", secret, "-t", String.valueOf(TIMEOUT.toSeconds()));
        Process p = PeerProcess.launch(command, workDir, out);
        try {
            if (!p.waitFor(TIMEOUT.plus(EXIT_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("eapol_test did not exit: " + command + "\n" + read(out));
            }
        } finally {
            PeerProcess.kill(p);
        }
        return new Result(network.method(), p.exitValue(), read(out));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** What eapol_test printed and its exit code. */
    public record Result(String method, int exitCode, String output) {
        /** The supplicant saw EAP-Success ("CTRL-EVENT-EAP-SUCCESS"). */
        public boolean eapSuccess() {
            return output.contains("CTRL-EVENT-EAP-SUCCESS");
        }

        /** eapol_test received an Access-Accept ("RADIUS message: code=2 (Access-Accept)"). */
        public boolean accessAccept() {
            return output.contains("RADIUS message: code=2 (Access-Accept)");
        }

        /** The MPPE keys of the Access-Accept decrypted and matched: {@value #MPPE_KEYS_OK}. */
        public boolean mppeKeysOk() {
            return output.contains(MPPE_KEYS_OK);
        }

        /** The {@code MPPE keys OK: n  mismatch: m} line, or {@code (none)} when eapol_test printed none. */
        public String mppeLine() {
            return output.lines().filter(l -> l.startsWith("MPPE keys OK:")).findFirst().orElse("(none)");
        }

        /** Whether a received MPPE key did not decrypt ({@value #MPPE_DECRYPT_FAILED}). */
        public boolean mppeDecryptFailed() {
            return output.contains(MPPE_DECRYPT_FAILED);
        }

        @Override
        public String toString() {
            return "eapol_test " + method + " exit code " + exitCode + ", " + mppeLine() + ", output:\n" + output;
        }
    }
}
