package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:destination-remove}: removes a destination and its file. */
@Command(scope = "radsec", name = "destination-remove", description = "Removes a destination and its cfg file")
@Service
public class DestinationRemoveCommand extends RemoveCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.DESTINATION;
    }
}
