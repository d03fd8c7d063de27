package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:trust-store-set}: changes settings of a trust store; {@code key=} removes one. */
@Command(scope = "radsec", name = "trust-store-set", description = "Changes a trust store's settings: radsec:trust-store-set <name> key=value .. (key= removes one)")
@Service
public class TrustStoreSetCommand extends SetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.TRUST_STORE;
    }
}
