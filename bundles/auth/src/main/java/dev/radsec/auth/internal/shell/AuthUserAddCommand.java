package dev.radsec.auth.internal.shell;

import dev.radsec.auth.UserMappings;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:auth-user-add <username> <policies>}: creates or replaces a user's policies (Vault users/). */
@Command(scope = "radsec", name = "auth-user-add", description = "Maps a RADIUS user to policies (comma-separated)")
@Service
public class AuthUserAddCommand implements Action {
    @Reference
    UserMappings mappings;

    @Argument(index = 0, name = "username", required = true)
    String username;

    @Argument(index = 1, name = "policies", description = "comma-separated, e.g. admins,ops", required = true)
    String policies;

    @Override
    public Object execute() {
        List<String> list = new ArrayList<>();
        for (String p : policies.split(",")) {
            if (!p.isBlank()) {
                list.add(p.trim());
            }
        }
        mappings.put(username, list);
        System.out.println(username.trim() + " -> " + String.join(",", list));
        return null;
    }
}
