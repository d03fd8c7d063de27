package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:rewrite-add}: a new rewrite, written to {@code etc/dev.radsec.rewrite-<name>.cfg}. */
@Command(scope = "radsec", name = "rewrite-add", description = "Adds a rewrite: radsec:rewrite-add <name> key=value .., written to etc/dev.radsec.rewrite-<name>.cfg")
@Service
public class RewriteAddCommand extends AddCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.REWRITE;
    }
}
