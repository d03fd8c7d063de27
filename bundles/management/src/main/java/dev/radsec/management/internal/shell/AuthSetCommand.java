package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:auth-set}: changes the RADIUS login service (Vault's radius method) in {@code etc/dev.radsec.auth.cfg}. */
@Command(scope = "radsec", name = "auth-set", description = "Changes the RADIUS login service: radsec:auth-set key=value .. in etc/dev.radsec.auth.cfg (key= removes one)")
@Service
public class AuthSetCommand extends SingletonSetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.AUTH;
    }
}
