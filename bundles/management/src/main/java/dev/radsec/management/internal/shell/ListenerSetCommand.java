package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:listener-set}: changes settings of a listener; {@code key=} removes one. */
@Command(scope = "radsec", name = "listener-set", description = "Changes a listener's settings: radsec:listener-set <name> key=value .. (key= removes one)")
@Service
public class ListenerSetCommand extends SetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.LISTENER;
    }
}
