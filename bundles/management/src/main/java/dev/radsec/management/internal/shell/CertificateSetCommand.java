package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:certificate-set}: changes settings of a local certificate; {@code key=} removes one. */
@Command(scope = "radsec", name = "certificate-set", description = "Changes a local certificate's settings: radsec:certificate-set <name> key=value .. (key= removes one)")
@Service
public class CertificateSetCommand extends SetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.CERTIFICATE;
    }
}
