package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:psk-set}: changes settings of a TLS pre-shared key; {@code key=} removes one. The key is never printed. */
@Command(scope = "radsec", name = "psk-set", description = "Changes a TLS pre-shared key's settings: radsec:psk-set <name> key=value .. (key= removes one); the key is never printed")
@Service
public class PskSetCommand extends SetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.PSK;
    }
}
