package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:relay-remove}: removes a relay and its file. */
@Command(scope = "radsec", name = "relay-remove", description = "Removes a relay and its cfg file")
@Service
public class RelayRemoveCommand extends RemoveCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.RELAY;
    }
}
