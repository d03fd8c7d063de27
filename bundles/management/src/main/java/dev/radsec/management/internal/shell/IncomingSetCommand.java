package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:incoming-set}: changes the incoming CoA/Disconnect listener's settings in {@code etc/dev.radsec.incoming.cfg}. */
@Command(scope = "radsec", name = "incoming-set", description = "Changes the incoming CoA/Disconnect listener: radsec:incoming-set key=value .. (key= removes one)")
@Service
public class IncomingSetCommand extends SingletonSetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.INCOMING;
    }
}
