package dev.radsec.management.internal.shell;

import dev.radsec.pki.CredentialService;
import dev.radsec.pki.CrlStatus;
import dev.radsec.pki.TrustStoreAdmin;
import dev.radsec.pki.TrustStoreAnchor;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code radsec:trust-list [<name>]}: the anchors of every trust store, or of one, with their SHA-256 fingerprints (what
 * {@code radsec:trust-remove} takes), then their CRLs and what keeps a store from loading.
 */
@Command(scope = "radsec", name = "trust-list", description = "Lists the trust stores' CA certificates and CRLs")
@Service
public class TrustListCommand implements Action {
    @Reference
    CredentialService pki;

    @Reference
    TrustStoreAdmin trust;

    @Argument(index = 0, name = "name", description = "one trust store (default: all)")
    @Completion(TrustNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        List<String> names = pki.trustStores();
        if (name != null) {
            if (!names.contains(name)) {
                System.err.println("No trust store named '" + name + "'; trust stores: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)));
                return null;
            }
            names = List.of(name);
        }
        ShellTable anchors = new ShellTable();
        for (String column : new String[] {"Trust", "Subject", "Serial", "Not after", "SHA-256", "File"}) {
            anchors.column(column);
        }
        ShellTable crls = new ShellTable();
        for (String column : new String[] {"Trust", "Source", "Issuer", "This update", "Next update", "Revoked"}) {
            crls.column(column);
        }
        boolean anyCrl = false;
        StringBuilder problems = new StringBuilder();
        for (String n : names) {
            for (TrustStoreAnchor a : trust.anchors(n)) {
                anchors.addRow().addContent(n, a.subject(), a.serial().toString(16), a.notAfter().toString(),
                        a.fingerprint(), a.file().toString());
            }
            CrlStatus status = trust.crlStatus(n);
            for (CrlStatus.Crl c : status.crls()) {
                anyCrl = true;
                crls.addRow().addContent(n, c.source(), c.issuer(), c.thisUpdate().toString(),
                        c.nextUpdate().map(Instant::toString).orElse("-"), c.revokedEntries());
            }
            status.loadError().ifPresent(e -> problems.append("Trust store '").append(n).append("' is unusable: ")
                    .append(e).append('\n'));
            status.lastFetchError().ifPresent(e -> problems.append("Trust store '").append(n)
                    .append("': last CRL fetch failed: ").append(e).append('\n'));
            problems.append("Trust store '").append(n).append("': revocation ")
                    .append(status.checked() ? "checked against CRLs" : "not checked").append('\n');
        }
        anchors.print(System.out);
        if (anyCrl) {
            System.out.println();
            crls.print(System.out);
        }
        System.out.print(problems);
        return null;
    }
}
