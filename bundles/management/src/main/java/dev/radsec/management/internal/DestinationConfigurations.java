package dev.radsec.management.internal;

import dev.radsec.transport.RadiusClient;
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
 * The {@code dev.radsec.destination} configurations in ConfigAdmin: found by destination id, and changed one key at
 * a time. A change is validated as the destination service validates a cfg file before ConfigAdmin sees it, and
 * Karaf writes it back to the configuration's file in {@code etc/}.
 */
final class DestinationConfigurations {
    static final String FACTORY_PID = "dev.radsec.destination";

    private final ConfigurationAdmin admin;
    private final RadiusClient client;

    DestinationConfigurations(ConfigurationAdmin admin, RadiusClient client) {
        this.admin = admin;
        this.client = client;
    }

    /** The configuration of destination {@code id}, if ConfigAdmin has one. */
    Optional<Configuration> find(int id) {
        try {
            Configuration[] found = admin.listConfigurations(
                    "(&(service.factoryPid=" + FACTORY_PID + ")(id=" + id + "))");
            return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("ConfigAdmin: " + e.getMessage(), e);
        }
    }

    /** The ids of every destination configuration, valid or not. */
    java.util.List<Integer> ids() {
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        try {
            Configuration[] all = admin.listConfigurations("(service.factoryPid=" + FACTORY_PID + ")");
            if (all != null) {
                for (Configuration c : all) {
                    Object id = c.getProperties() == null ? null : c.getProperties().get("id");
                    try {
                        ids.add(Integer.parseInt(String.valueOf(id).trim()));
                    } catch (NumberFormatException e) {
                        // no usable id: the destination service rejected it and logged why
                    }
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("ConfigAdmin: " + e.getMessage(), e);
        }
        return ids;
    }

    /** The stored properties of destination {@code id}, without ConfigAdmin's own. */
    Map<String, Object> stored(int id) {
        return find(id).map(c -> toMap(c.getProperties())).orElse(Map.of());
    }

    /**
     * Sets one key of destination {@code id}.
     *
     * @throws IllegalArgumentException naming the key and the reason when the result would be rejected; nothing
     *                                  changes then
     */
    void set(int id, String key, String value) {
        Configuration c = find(id).orElseThrow(() -> new IllegalArgumentException(
                "destination " + id + " has no configuration to change"));
        Map<String, Object> next = toMap(c.getProperties());
        if (value == null || value.isEmpty()) {
            next.remove(key);
        } else {
            next.put(key, value);
        }
        client.validateDestination(next);
        Dictionary<String, Object> update = new Hashtable<>();
        Dictionary<String, Object> current = c.getProperties();
        for (Enumeration<String> keys = current.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            update.put(k, current.get(k)); // service.pid, felix.fileinstall.filename: Karaf's, kept
        }
        if (value == null || value.isEmpty()) {
            update.remove(key);
        } else {
            update.put(key, value); // a string, as a cfg file holds it
        }
        try {
            c.update(update);
        } catch (IOException e) {
            throw new IllegalStateException("ConfigAdmin could not store " + key + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d != null) {
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                if (!k.startsWith("service.") && !k.startsWith("felix.") && !k.startsWith("component.")) {
                    m.put(k, d.get(k));
                }
            }
        }
        return m;
    }
}
