package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:server-set}: changes the embedded demo server in {@code etc/dev.radsec.server.cfg}. */
@Command(scope = "radsec", name = "server-set", description = "Changes the embedded demo server: radsec:server-set key=value .. in etc/dev.radsec.server.cfg (key= removes one)")
@Service
public class ServerSetCommand extends SingletonSetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.SERVER;
    }
}
