package dev.radsec.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need real peers installed: skipped on a bare developer machine, failed in CI (CI=true).
 *
 * <p>Published in {@code radsec-codec-<version>-tests.jar} for other modules' tests, with the interop fixtures in
 * {@code dev.radsec.codec.interop}.
 */
public final class Peers {
    private Peers() {
    }

    /**
     * Aborts the calling test (a JUnit assumption: the test is reported skipped) when {@code path} does not
     * exist, unless the environment variable {@code CI} is set: then it fails, naming the Debian package CI must
     * install.
     *
     * @param path the peer's binary, e.g. {@code /usr/sbin/freeradius}
     * @param debianPackage the package that provides it, for the message
     * @throws AssertionError when the peer is missing and {@code CI} is set
     */
    public static void assumeInstalled(Path path, String debianPackage) {
        boolean present = Files.exists(path);
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError(path + " is missing: CI must install the Debian package " + debianPackage);
        }
        Assumptions.assumeTrue(present, debianPackage + " is not installed");
    }

    /**
     * Closes what a test class started, in the order given, skipping what is null (never started). Every one is
     * closed even when one fails; the first failure is thrown with the later ones suppressed.
     */
    public static void closeAll(AutoCloseable... started) throws Exception {
        Exception failure = null;
        for (AutoCloseable c : started) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
