package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:rewrite-set}: changes settings of a rewrite; {@code key=} removes one. */
@Command(scope = "radsec", name = "rewrite-set", description = "Changes a rewrite's settings: radsec:rewrite-set <name> key=value .. (key= removes one)")
@Service
public class RewriteSetCommand extends SetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.REWRITE;
    }
}
