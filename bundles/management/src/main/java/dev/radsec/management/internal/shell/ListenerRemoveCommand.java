package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:listener-remove}: removes a listener and its file. */
@Command(scope = "radsec", name = "listener-remove", description = "Removes a listener and its cfg file")
@Service
public class ListenerRemoveCommand extends RemoveCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.LISTENER;
    }
}
