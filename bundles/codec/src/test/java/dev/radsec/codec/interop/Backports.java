package dev.radsec.codec.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peers newer than Debian 12's own, for TLS-PSK (RFC 9813) interop: Debian's {@code bookworm-backports} packages
 * of radsecproxy (1.11: TLS 1.3 PSK) and FreeRADIUS (3.2.7: PSK also on {@code home_server}, i.e. as a RadSec
 * client), which {@code .ci/run} downloads with a private apt state and unpacks with {@code dpkg-deb -x}, each into
 * a directory of its own under {@link #dir()}. Nothing is installed into the system: {@code /usr/sbin/radsecproxy}
 * (1.9.2) and {@code /usr/sbin/freeradius} (3.2.1) stay what every other test runs. Both unpacked packages use
 * only shared libraries Debian 12 has (the same ones as the system packages); FreeRADIUS needs its own
 * {@code libfreeradius-*.so}, found through {@code LD_LIBRARY_PATH} (the binary's RUNPATH,
 * {@code /usr/lib/freeradius}, would otherwise load the 3.2.1 ones).
 *
 * <p>Layout: {@code DIR/radsecproxy/usr/sbin/radsecproxy}, {@code DIR/freeradius/usr/sbin/freeradius} (with
 * {@code usr/lib/freeradius}, {@code usr/share/freeradius}, {@code etc/freeradius/3.0}), each tree as
 * {@code dpkg-deb -x} leaves it.
 */
public final class Backports {
    /** System property naming {@link #dir()}. */
    public static final String DIR_PROPERTY = "interop.backports.dir";
    /** Environment variable naming {@link #dir()}, when the property is not set. */
    public static final String DIR_ENVIRONMENT = "INTEROP_BACKPORTS_DIR";
    /** Where {@code .ci/run} unpacks the packages unless told otherwise. */
    public static final Path DEFAULT_DIR = Path.of("/opt/interop-backports");
    /** What tests name when a backport is missing (see {@link dev.radsec.codec.Peers#assumeInstalled}). */
    public static final String HOW_TO_INSTALL = "from bookworm-backports, unpacked by .ci/run into " + DEFAULT_DIR;

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

    private Backports() {
    }

    /**
     * The directory the backports are unpacked under: the system property {@value #DIR_PROPERTY}, else the
     * environment variable {@value #DIR_ENVIRONMENT}, else {@link #DEFAULT_DIR}.
     */
    public static Path dir() {
        String property = System.getProperty(DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String environment = System.getenv(DIR_ENVIRONMENT);
        return environment != null && !environment.isBlank() ? Path.of(environment) : DEFAULT_DIR;
    }

    /** The root of the unpacked radsecproxy package ({@code usr/sbin/radsecproxy} under it). */
    public static Path radsecproxyRoot() {
        return dir().resolve("radsecproxy");
    }

    /** The root of the unpacked FreeRADIUS packages ({@code usr/sbin/freeradius} under it). */
    public static Path freeradiusRoot() {
        return dir().resolve("freeradius");
    }

    /** {@code file} if it is an executable regular file. */
    static Optional<Path> executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Runs {@code command} (e.g. {@code radsecproxy -v}) and returns the first match of {@code version}'s group 1
     * in its output, e.g. {@code 1.11.2}.
     *
     * @throws IllegalStateException when it does not run, does not exit in time, or prints no version
     */
    static String version(List<String> command, Map<String, String> environment, Pattern version) {
        try {
            Path out = Files.createTempFile("peer-version-", ".out");
            try {
                Process p = PeerProcess.launch(command, environment, out.getParent(), out);
                if (!p.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    PeerProcess.kill(p);
                    throw new IllegalStateException(String.join(" ", command) + " did not exit within "
                            + VERSION_TIMEOUT);
                }
                String text = Files.readString(out, StandardCharsets.ISO_8859_1);
                Matcher m = version.matcher(text);
                if (!m.find()) {
                    throw new IllegalStateException(String.join(" ", command) + " printed no version (exit "
                            + p.exitValue() + "):\n" + text);
                }
                return m.group(1);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Whether dotted version {@code version} (e.g. {@code 3.2.1}) is at least {@code minimum} (e.g. {@code 3.2.4}). */
    static boolean atLeast(String version, String minimum) {
        String[] a = version.split("\\.");
        String[] b = minimum.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? leadingNumber(a[i]) : 0;
            int y = i < b.length ? leadingNumber(b[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return true;
    }

    private static int leadingNumber(String part) {
        Matcher m = Pattern.compile("^\\d+").matcher(part);
        return m.find() ? Integer.parseInt(m.group()) : 0;
    }
}
