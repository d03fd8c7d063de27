package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:destination-add}: a new destination, written to {@code etc/dev.radsec.destination-<id>.cfg}. */
@Command(scope = "radsec", name = "destination-add", description = "Adds a destination: radsec:destination-add <id> key=value .., written to etc/dev.radsec.destination-<id>.cfg")
@Service
public class DestinationAddCommand extends AddCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.DESTINATION;
    }
}
