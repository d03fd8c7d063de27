package dev.radsec.pki.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Tests that need real peers installed: skipped on a bare developer machine, failed in CI (CI=true). */
public final class Peers {
    private Peers() {
    }

    public static void assumeInstalled(Path path, String debianPackage) {
        boolean present = Files.exists(path);
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError(path + " is missing: CI must install the Debian package " + debianPackage);
        }
        Assumptions.assumeTrue(present, debianPackage + " is not installed");
    }
}
