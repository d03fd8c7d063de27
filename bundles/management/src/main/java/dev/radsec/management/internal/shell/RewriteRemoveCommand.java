package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:rewrite-remove}: removes a rewrite and its file; relays that name it drop what it applied to. */
@Command(scope = "radsec", name = "rewrite-remove", description = "Removes a rewrite and its cfg file")
@Service
public class RewriteRemoveCommand extends RemoveCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.REWRITE;
    }
}
