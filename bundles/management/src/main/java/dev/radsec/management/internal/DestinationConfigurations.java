package dev.radsec.management.internal;

import dev.radsec.transport.RadiusClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The {@code dev.radsec.destination} configurations in ConfigAdmin, by destination id: the {@link ConfigurationStore}
 * for {@link ConfigurationKind#DESTINATION}. A change is validated as the destination service validates a cfg file
 * before ConfigAdmin sees it, and Karaf writes it back to the configuration's file in {@code etc/}.
 */
final class DestinationConfigurations {
    static final String FACTORY_PID = ConfigurationKind.DESTINATION.pid();

    private final ConfigurationStore store;

    /** Over ConfigAdmin alone, validated by the client (plain use and tests; no files are created). */
    DestinationConfigurations(ConfigurationAdmin admin, RadiusClient client) {
        this(new ConfigurationStore(admin, (pid, properties) -> client.validateDestination(properties),
                KeyMetadata.NONE, null));
    }

    DestinationConfigurations(ConfigurationStore store) {
        this.store = store;
    }

    /** The configuration of destination {@code id}, if ConfigAdmin has one. */
    Optional<Configuration> find(int id) {
        return store.find(ConfigurationKind.DESTINATION, String.valueOf(id));
    }

    /** The ids of every destination configuration, valid or not. */
    List<Integer> ids() {
        List<Integer> ids = new ArrayList<>();
        for (String name : store.names(ConfigurationKind.DESTINATION)) {
            try {
                ids.add(Integer.parseInt(name));
            } catch (NumberFormatException e) {
                // no usable id: the destination service rejected it and logged why
            }
        }
        return ids;
    }

    /** The stored properties of destination {@code id}, without ConfigAdmin's own. */
    Map<String, Object> stored(int id) {
        return store.stored(ConfigurationKind.DESTINATION, String.valueOf(id));
    }

    /**
     * Sets one key of destination {@code id}; an empty or null value removes it.
     *
     * @throws IllegalArgumentException naming the key and the reason when the result would be rejected; nothing
     *                                  changes then
     */
    void set(int id, String key, String value) {
        Map<String, String> change = new java.util.HashMap<>();
        change.put(key, value);
        store.set(ConfigurationKind.DESTINATION, String.valueOf(id), change);
    }
}
