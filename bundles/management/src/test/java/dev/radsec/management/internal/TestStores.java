package dev.radsec.management.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import dev.radsec.common.ConfigurationValidator;
import dev.radsec.relay.internal.IncomingConfigurationValidator;
import dev.radsec.relay.internal.RelayConfigurationValidator;
import dev.radsec.relay.internal.RewriteConfigurationValidator;
import dev.radsec.transport.internal.DestinationConfigurationValidator;
import dev.radsec.transport.internal.ListenerConfigurationValidator;
import dev.radsec.transport.internal.RadiusServerService;
import java.nio.file.Path;
import java.util.Map;

/** A {@link ConfigurationStore} as in Karaf, for tests of other packages: the bundles' validators and metatype. */
public final class TestStores {
    private TestStores() {
    }

    /** Over {@code cm}, files in {@code etc}, validated by the transport's and relay's validators. */
    public static ConfigurationStore store(MemoryConfigurationAdmin cm, Path etc) {
        ConfigurationStore store = new ConfigurationStore(cm.admin, new GeneratedMetatype(), etc);
        RadiusServerService listeners = new RadiusServerService(null); // validates, opens nothing
        store.addValidator(new DestinationConfigurationValidator(), pid("dev.radsec.destination"));
        store.addValidator(new ListenerConfigurationValidator(), pid("dev.radsec.listener"));
        store.addValidator(new RelayConfigurationValidator(listeners), pid("dev.radsec.relay"));
        store.addValidator(new IncomingConfigurationValidator(listeners), pid("dev.radsec.incoming"));
        store.addValidator(new RewriteConfigurationValidator(null), pid("dev.radsec.rewrite"));
        return store;
    }

    private static Map<String, Object> pid(String pid) {
        return Map.of(ConfigurationValidator.PID, pid);
    }
}
