package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:destination-set}: changes settings of a destination; {@code key=} removes one. */
@Command(scope = "radsec", name = "destination-set", description = "Changes a destination's settings: radsec:destination-set <id> key=value .. (key= removes one)")
@Service
public class DestinationSetCommand extends SetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.DESTINATION;
    }
}
