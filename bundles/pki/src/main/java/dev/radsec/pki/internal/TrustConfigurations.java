package dev.radsec.pki.internal;

import dev.radsec.common.AtomicFiles;
import dev.radsec.common.CfgFile;
import dev.radsec.common.ConfigReader;
import dev.radsec.pki.CredentialService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The {@code dev.radsec.pki.trust} configurations in ConfigAdmin, found by the trust store name they give (a
 * {@code name} key, else the name of their file or alias, as {@link TrustSettings} reads it). Karaf writes what is
 * stored back to the configuration's file in {@code etc/}; a new store is written to
 * {@code etc/dev.radsec.pki.trust-<name>.cfg} first and stored as the named factory configuration
 * {@code dev.radsec.pki.trust~<name>}, so the file and the configuration are one.
 */
final class TrustConfigurations implements TrustAnchors.Configurations {
    /** Where FileInstall keeps the file a configuration came from (a {@code file:} URI). */
    static final String FILE = "felix.fileinstall.filename";

    private final ConfigurationAdmin admin;
    /** Karaf's etc, where a new store's cfg file goes. */
    private final Path etc;

    TrustConfigurations(ConfigurationAdmin admin, Path etc) {
        this.admin = admin;
        this.etc = etc;
    }

    @Override
    public Optional<TrustAnchors.Stored> find(String trustName) throws IOException {
        Configuration c = configuration(trustName);
        return c == null ? Optional.empty() : Optional.of(new TrustAnchors.Stored(c.getPid(), toMap(c.getProperties())));
    }

    private Configuration configuration(String trustName) throws IOException {
        Configuration[] all;
        try {
            all = admin.listConfigurations("(service.factoryPid=" + TrustAnchors.TRUST_PID + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (Configuration c : all == null ? new Configuration[0] : all) {
            Map<String, Object> properties = toMap(c.getProperties());
            String name = new ConfigReader(properties).instanceName(TrustAnchors.TRUST_PID, CredentialService.DEFAULT_TRUST);
            if (name.equals(trustName)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public TrustAnchors.Stored store(String pid, String trustName, Map<String, Object> properties) throws IOException {
        Configuration c;
        Path newFile = null;
        if (pid == null) {
            c = admin.getFactoryConfiguration(TrustAnchors.TRUST_PID, trustName, "?");
            Path file = etc.resolve(TrustAnchors.TRUST_PID + "-" + trustName + ".cfg");
            if (c.getProperties() == null && !Files.exists(file)) {
                newFile = file;
            }
        } else {
            Configuration[] found;
            try {
                found = admin.listConfigurations("(service.pid=" + pid + ")");
            } catch (InvalidSyntaxException e) {
                throw new IOException("unusable PID " + pid, e);
            }
            if (found == null || found.length == 0) {
                throw new IOException("the configuration " + pid + " is gone");
            }
            c = found[0];
        }
        Dictionary<String, Object> update = new Hashtable<>();
        Map<String, String> lines = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (!k.equals("service.pid") && !k.equals("service.factoryPid")) {
                update.put(k, v); // felix.fileinstall.filename is kept, so Karaf writes back to the same file
                lines.put(k, String.valueOf(v));
            }
        });
        if (newFile != null) {
            // etc/dev.radsec.pki.trust-<name>.cfg first, as config:edit --alias does: FileInstall then owns it
            CfgFile.write(newFile, lines);
            update.put(FILE, newFile.toFile().getAbsoluteFile().toURI().toString()); // file:/..., as Karaf writes it
        }
        try {
            c.update(update);
        } catch (IOException | RuntimeException e) {
            if (newFile != null) {
                AtomicFiles.delete(newFile);
            }
            throw e;
        }
        return new TrustAnchors.Stored(c.getPid(), toMap(c.getProperties()));
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d != null) {
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                m.put(k, d.get(k));
            }
        }
        return m;
    }
}
