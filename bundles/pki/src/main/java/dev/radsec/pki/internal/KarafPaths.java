package dev.radsec.pki.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** Where Karaf keeps its configuration: {@code ${karaf.etc}}, against which relative paths resolve. */
final class KarafPaths {
    private KarafPaths() {
    }

    static Path etc(BundleContext context) {
        String etc = context.getProperty("karaf.etc");
        if (etc == null) {
            String home = context.getProperty("karaf.home");
            etc = home != null ? home + "/etc" : "etc";
        }
        return Path.of(etc).toAbsolutePath().normalize();
    }
}
