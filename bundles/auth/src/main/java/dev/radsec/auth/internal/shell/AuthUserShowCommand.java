package dev.radsec.auth.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:auth-user-show <username>}: one user's policies. */
@Command(scope = "radsec", name = "auth-user-show", description = "Shows a RADIUS user's policies")
@Service
public class AuthUserShowCommand extends UsernameCommand {
    @Override
    public Object execute() {
        System.out.println(mappings.get(username).map(m -> m.username() + " -> " + String.join(",", m.policies()))
                .orElse("No mapping for " + username.trim()));
        return null;
    }
}
