package dev.radsec.management.internal.shell;

import dev.radsec.relay.RewriteMonitor;
import dev.radsec.relay.RewriteStatistics;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code radsec:rewrites [name]}: each configured rewrite, whether it is applied (or why not), and what it did:
 * packets it was applied to, packets it changed, attributes removed, added and modified.
 */
@Command(scope = "radsec", name = "rewrites", description = "Lists the relay's rewrites and their counters")
@Service
public class RewritesCommand implements Action {
    @Reference
    RewriteMonitor rewrites;

    @Argument(index = 0, name = "name", description = "only this rewrite")
    @Completion(RewriteNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Rewrite", "Packets", "Touched", "Removed", "Added", "Modified", "Status"}) {
            table.column(column);
        }
        for (RewriteStatistics r : rewrites.rewrites()) {
            if (name != null && !name.equals(r.name())) {
                continue;
            }
            table.addRow().addContent(r.name(), r.packets(), r.touched(), r.removed(), r.added(), r.modified(),
                    r.active() ? "applied" : r.problem());
        }
        table.print(System.out);
        return null;
    }
}
