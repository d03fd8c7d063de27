package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:psk-add}: a new TLS pre-shared key, written to {@code etc/dev.radsec.pki.psk-<name>.cfg}; the key is never printed. */
@Command(scope = "radsec", name = "psk-add", description = "Adds a TLS pre-shared key: radsec:psk-add <name> identity=.. key-file=.. (or key=<hex>), written to etc/dev.radsec.pki.psk-<name>.cfg; the key is never printed")
@Service
public class PskAddCommand extends AddCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.PSK;
    }
}
