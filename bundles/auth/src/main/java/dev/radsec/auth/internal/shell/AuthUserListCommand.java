package dev.radsec.auth.internal.shell;

import dev.radsec.auth.UserMappings;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code radsec:auth-user-list}: every mapped user and policies. */
@Command(scope = "radsec", name = "auth-user-list", description = "Lists the RADIUS user mappings")
@Service
public class AuthUserListCommand implements Action {
    @Reference
    UserMappings mappings;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Username");
        table.column("Policies");
        for (String user : mappings.list()) {
            table.addRow().addContent(user, mappings.get(user).map(m -> String.join(",", m.policies())).orElse(""));
        }
        table.print(System.out);
        return null;
    }
}
