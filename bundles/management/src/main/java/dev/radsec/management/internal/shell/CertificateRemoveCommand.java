package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:certificate-remove}: removes a local certificate and its cfg file. */
@Command(scope = "radsec", name = "certificate-remove", description = "Removes a local certificate and its cfg file (not the certificate and key files it names)")
@Service
public class CertificateRemoveCommand extends RemoveCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.CERTIFICATE;
    }
}
