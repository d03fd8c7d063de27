package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:certificate-add}: a new local certificate, written to {@code etc/dev.radsec.pki.certificate-<name>.cfg}. */
@Command(scope = "radsec", name = "certificate-add", description = "Adds a local certificate: radsec:certificate-add <name> certificate=.. private-key=.., written to etc/dev.radsec.pki.certificate-<name>.cfg")
@Service
public class CertificateAddCommand extends AddCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.CERTIFICATE;
    }
}
