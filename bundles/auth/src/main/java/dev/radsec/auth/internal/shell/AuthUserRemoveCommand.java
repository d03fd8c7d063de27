package dev.radsec.auth.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:auth-user-remove <username>}: deletes a user's mapping. */
@Command(scope = "radsec", name = "auth-user-remove", description = "Removes a RADIUS user mapping")
@Service
public class AuthUserRemoveCommand extends UsernameCommand {
    @Override
    public Object execute() {
        System.out.println(mappings.delete(username) ? "Removed " + username.trim() : "No mapping for " + username.trim());
        return null;
    }
}
