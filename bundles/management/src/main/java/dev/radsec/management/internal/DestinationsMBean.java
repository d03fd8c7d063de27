package dev.radsec.management.internal;

import dev.radsec.management.DestinationsMXBean;
import java.util.Map;

/** {@link DestinationsMXBean} over the {@link ConfigurationStore}. */
final class DestinationsMBean implements DestinationsMXBean {
    private final DestinationConfigurations destinations;
    private final ConfigurationStore store;

    DestinationsMBean(ConfigurationStore store) {
        this.store = store;
        this.destinations = new DestinationConfigurations(store);
    }

    @Override
    public int[] getIds() {
        return destinations.ids().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public void create(int id, Map<String, String> properties) {
        store.create(ConfigurationKind.DESTINATION, String.valueOf(id), properties == null ? Map.of() : properties);
    }

    @Override
    public void create(int id, String settings) {
        create(id, KeyValues.parse(settings));
    }

    @Override
    public void remove(int id) {
        store.remove(ConfigurationKind.DESTINATION, String.valueOf(id));
    }
}
