package dev.radsec.auth.internal.shell;

import dev.radsec.auth.UserMappings;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:auth-user-remove <username>}: deletes a user's mapping. */
@Command(scope = "radsec", name = "auth-user-remove", description = "Removes a RADIUS user mapping")
@Service
public class AuthUserRemoveCommand implements Action {
    @Reference
    UserMappings mappings;

    @Argument(index = 0, name = "username", required = true)
    @Completion(UsernameCompleter.class)
    String username;

    @Override
    public Object execute() {
        System.out.println(mappings.delete(username) ? "Removed " + username.trim() : "No mapping for " + username.trim());
        return null;
    }
}
