package dev.radsec.management.internal.shell;

import dev.radsec.transport.RadiusClient;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:reset <id>}: sets a destination's counters to zero. */
@Command(scope = "radsec", name = "reset", description = "Resets a destination's counters")
@Service
public class ResetCommand implements Action {
    @Reference
    RadiusClient client;

    @Argument(index = 0, name = "id", description = "destination id", required = true)
    @Completion(DestinationIdCompleter.class)
    int id;

    @Override
    public Object execute() {
        System.out.println(client.resetStatistics(id) ? "Counters of destination " + id + " reset"
                : "No destination " + id);
        return null;
    }
}
