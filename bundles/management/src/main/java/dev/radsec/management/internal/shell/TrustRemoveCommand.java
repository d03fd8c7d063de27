package dev.radsec.management.internal.shell;

import dev.radsec.pki.CaException;
import dev.radsec.pki.TrustStoreAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code radsec:trust-remove <name> <sha256-fingerprint>}: takes a CA certificate out of a trust store, by the
 * fingerprint {@code radsec:trust-list} shows (with or without colons).
 */
@Command(scope = "radsec", name = "trust-remove", description = "Removes a CA certificate from a trust store by its SHA-256 fingerprint")
@Service
public class TrustRemoveCommand implements Action {
    @Reference
    TrustStoreAdmin trust;

    @Argument(index = 0, name = "name", description = "the trust store", required = true)
    @Completion(TrustNameCompleter.class)
    String name;

    @Argument(index = 1, name = "sha256-fingerprint", description = "as radsec:trust-list shows it", required = true)
    String fingerprint;

    @Override
    public Object execute() {
        try {
            if (trust.removeAnchor(name, fingerprint)) {
                System.out.println("Removed " + fingerprint + " from trust store '" + name + "'");
            } else {
                System.err.println("Trust store '" + name + "' holds no CA certificate with SHA-256 " + fingerprint);
            }
        } catch (CaException e) {
            System.err.println("Not removed: " + e.getMessage());
        }
        return null;
    }
}
