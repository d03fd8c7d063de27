package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:trust-store-add}: a new trust store, written to {@code etc/dev.radsec.pki.trust-<name>.cfg}. */
@Command(scope = "radsec", name = "trust-store-add", description = "Adds a trust store: radsec:trust-store-add <name> ca=.. [crl=..], written to etc/dev.radsec.pki.trust-<name>.cfg (radsec:trust-add adds a CA to one)")
@Service
public class TrustStoreAddCommand extends AddCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.TRUST_STORE;
    }
}
