package dev.radsec.management.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.common.InvalidConfigurationException;
import java.io.IOException;
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
 * The {@code dev.radsec.pki.trust} configurations in ConfigAdmin, found by the name of the trust store they configure
 * (their {@code name} key, else the name Karaf gives their file or alias, else {@code default}) and changed one key at
 * a time. A change is checked first by the PKI's {@link ConfigurationValidator}, as a cfg file is, and Karaf writes it
 * back to the configuration's file in {@code etc/}.
 */
final class TrustStoreConfigurations {
    static final String FACTORY_PID = "dev.radsec.pki.trust";
    private static final String DEFAULT_NAME = "default";

    private final ConfigurationAdmin admin;
    private final ConfigurationValidator validator;

    TrustStoreConfigurations(ConfigurationAdmin admin, ConfigurationValidator validator) {
        this.admin = admin;
        this.validator = validator;
    }

    /** The configuration of trust store {@code name}, if ConfigAdmin has one. */
    Optional<Configuration> find(String name) {
        try {
            Configuration[] all = admin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            for (Configuration c : all == null ? new Configuration[0] : all) {
                if (name.equals(nameOf(all(c.getProperties())))) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("ConfigAdmin: " + e.getMessage());
        }
    }

    /** The stored settings of trust store {@code name}, without ConfigAdmin's and Karaf's own keys. */
    Map<String, Object> stored(String name) {
        return find(name).map(c -> settings(all(c.getProperties()))).orElse(Map.of());
    }

    /**
     * Sets one key of trust store {@code name}; an empty or null value removes it (its default applies).
     *
     * @throws IllegalArgumentException naming the key and the reason when the result would be refused; nothing
     *                                  changes then
     */
    void set(String name, String key, String value) {
        Configuration c = find(name).orElseThrow(() -> new IllegalArgumentException(
                "trust store " + name + " has no configuration to change"));
        Map<String, Object> current = all(c.getProperties());
        Map<String, Object> next = settings(current);
        if (value == null || value.isEmpty()) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        if (!next.containsKey("name")) {
            next.put(ConfigurationValidator.NAME, name); // the name its file gives it, as the PKI reads it
        }
        try {
            validator.validate(next);
        } catch (InvalidConfigurationException e) {
            // only the message: a remote JMX client cannot load our exception classes
            throw new IllegalArgumentException(e.getMessage());
        }
        Dictionary<String, Object> update = new Hashtable<>();
        current.forEach(update::put); // felix.fileinstall.filename: Karaf's, kept so it writes back to the file
        if (value == null || value.isEmpty()) {
            update.remove(key);
        } else {
            update.put(key, value); // a string, as a cfg file holds it
        }
        try {
            c.update(update);
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin could not store " + key + ": " + e.getMessage());
        }
    }

    private static String nameOf(Map<String, Object> properties) {
        return new ConfigReader(properties).instanceName(FACTORY_PID, DEFAULT_NAME);
    }

    /** Every property, ConfigAdmin's and Karaf's too: the name may come from them. */
    private static Map<String, Object> all(Dictionary<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d != null) {
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                m.put(k, d.get(k));
            }
        }
        return m;
    }

    /** The operator's keys: framework keys hold a dot ({@code service.pid}, {@code felix.fileinstall.filename}). */
    private static Map<String, Object> settings(Map<String, Object> all) {
        Map<String, Object> m = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.contains(".")) {
                m.put(k, v);
            }
        });
        return m;
    }
}
