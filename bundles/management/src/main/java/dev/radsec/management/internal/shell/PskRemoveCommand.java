package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:psk-remove}: removes a TLS pre-shared key and its cfg file. */
@Command(scope = "radsec", name = "psk-remove", description = "Removes a TLS pre-shared key and its cfg file (not a key-file it names)")
@Service
public class PskRemoveCommand extends RemoveCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.PSK;
    }
}
