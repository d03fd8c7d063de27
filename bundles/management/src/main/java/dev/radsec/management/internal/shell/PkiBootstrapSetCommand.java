package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:pki-bootstrap-set}: changes the development PKI in {@code etc/dev.radsec.pki.bootstrap.cfg}. */
@Command(scope = "radsec", name = "pki-bootstrap-set", description = "Changes the development PKI: radsec:pki-bootstrap-set key=value .. in etc/dev.radsec.pki.bootstrap.cfg (key= removes one); missing material is made while that file exists")
@Service
public class PkiBootstrapSetCommand extends SingletonSetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.DEVELOPMENT_PKI;
    }
}
