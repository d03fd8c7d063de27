package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:listener-add}: a new listener, written to {@code etc/dev.radsec.listener-<name>.cfg}. */
@Command(scope = "radsec", name = "listener-add", description = "Adds a listener: radsec:listener-add <name> key=value .., written to etc/dev.radsec.listener-<name>.cfg")
@Service
public class ListenerAddCommand extends AddCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.LISTENER;
    }
}
