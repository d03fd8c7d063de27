package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:trust-store-remove}: removes a trust store and its cfg file; CA files uploaded to it stay. */
@Command(scope = "radsec", name = "trust-store-remove", description = "Removes a trust store and its cfg file (radsec:trust-remove removes a CA from one)")
@Service
public class TrustStoreRemoveCommand extends RemoveCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.TRUST_STORE;
    }
}
