package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:relay-add}: a new relay, written to {@code etc/dev.radsec.relay-<name>.cfg}. */
@Command(scope = "radsec", name = "relay-add", description = "Adds a relay: radsec:relay-add <name> key=value .., written to etc/dev.radsec.relay-<name>.cfg")
@Service
public class RelayAddCommand extends AddCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.RELAY;
    }
}
