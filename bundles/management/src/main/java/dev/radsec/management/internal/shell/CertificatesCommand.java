package dev.radsec.management.internal.shell;

import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CredentialService;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code radsec:certificates}: the local certificates and their status. Never a key. */
@Command(scope = "radsec", name = "certificates", description = "Lists the local certificates and their status")
@Service
public class CertificatesCommand implements Action {
    @Reference
    CredentialService pki;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Name", "Status", "Subject", "Issuer", "Not after", "Next retry"}) {
            table.column(column);
        }
        for (CertificateStatus s : pki.certificates()) {
            table.addRow().addContent(s.name(), dev.radsec.management.internal.CertificateMBean.describe(s),
                    s.subject().orElse("-"), s.issuer().orElse("-"), s.notAfter().map(Instant::toString).orElse("-"),
                    s.nextRetry().map(Instant::toString).orElse("-"));
        }
        table.print(System.out);
        return null;
    }
}
