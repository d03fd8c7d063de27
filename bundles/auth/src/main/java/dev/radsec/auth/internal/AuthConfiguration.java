package dev.radsec.auth.internal;

import dev.radsec.common.CfgFile;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The {@code dev.radsec.auth} configuration in ConfigAdmin, changed a few keys at a time from JMX: each change is
 * validated first, as a cfg file is ({@link AuthSettings}), and refused whole with the key and the reason; an
 * accepted one is stored through ConfigAdmin, so Karaf writes it to {@code etc/dev.radsec.auth.cfg} (this class
 * writes the file itself when the configuration is new, as Karaf's {@code config:edit} does).
 */
final class AuthConfiguration {
    static final String PID = "dev.radsec.auth";

    private final ConfigurationAdmin admin;
    private final ConfigurationValidator validator;

    AuthConfiguration(ConfigurationAdmin admin, ConfigurationValidator validator) {
        this.admin = admin;
        this.validator = validator;
    }

    /** The stored keys and values, without ConfigAdmin's and fileinstall's own; empty when there is none. */
    Map<String, Object> stored() {
        return ours(configuration().getProperties());
    }

    /**
     * Changes keys of the configuration together: a key to {@code null} or blank is removed (its default applies),
     * any other value is stored as the text a cfg file holds. A key written replaces its Vault spelling
     * ({@code dial_timeout} for {@code dial-timeout}), which would otherwise stay in the file unread.
     *
     * @throws IllegalArgumentException {@code key: reason} when the result is not a valid configuration; nothing is
     *                                  stored then
     */
    synchronized void change(Map<String, String> changes) {
        Configuration c = configuration();
        Dictionary<String, Object> current = c.getProperties();
        Map<String, Object> next = ours(current);
        changes.forEach((key, value) -> {
            AuthSettings.VAULT_ALIASES.forEach((alias, canonical) -> {
                if (canonical.equals(key)) {
                    next.remove(alias);
                }
            });
            if (value == null || value.isBlank()) {
                next.remove(key);
            } else {
                next.put(key, value.trim());
            }
        });
        try {
            validator.validate(next);
        } catch (InvalidConfigurationException e) {
            // the message alone: a remote JMX client cannot load our exception class to unmarshal a cause
            throw new IllegalArgumentException(e.getMessage());
        }
        Dictionary<String, Object> update = new Hashtable<>(next);
        try {
            Object file = current == null ? null : current.get(CfgFile.FILEINSTALL_FILE);
            if (file == null) {
                Optional<Path> cfg = CfgFile.inEtc(PID);
                if (cfg.isPresent()) {
                    Map<String, String> text = new LinkedHashMap<>();
                    next.forEach((k, v) -> text.put(k, String.valueOf(v)));
                    CfgFile.write(cfg.get(), text);
                    file = cfg.get().toUri().toString();
                }
            }
            if (file != null) {
                update.put(CfgFile.FILEINSTALL_FILE, file);
            }
            c.update(update);
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin could not store " + PID + ": " + e.getMessage(), e);
        }
    }

    /** Changes one key; see {@link #change(Map)}. */
    void set(String key, String value) {
        change(Collections.singletonMap(key, value));
    }

    private Configuration configuration() {
        try {
            return admin.getConfiguration(PID, "?");
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> ours(Dictionary<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d != null) {
            for (String k : Collections.list(d.keys())) {
                if (!k.startsWith("service.") && !k.startsWith("felix.") && !k.startsWith("component.")) {
                    m.put(k, d.get(k));
                }
            }
        }
        return m;
    }
}
