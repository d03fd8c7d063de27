package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:relay-set}: changes settings of a relay; {@code key=} removes one. */
@Command(scope = "radsec", name = "relay-set", description = "Changes a relay's settings: radsec:relay-set <name> key=value .. (key= removes one)")
@Service
public class RelaySetCommand extends SetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.RELAY;
    }
}
