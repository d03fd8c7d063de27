package dev.radsec.management.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:reset <id>}: sets a destination's counters to zero. */
@Command(scope = "radsec", name = "reset", description = "Resets a destination's counters")
@Service
public class ResetCommand extends DestinationCommand {
    @Override
    public Object execute() {
        System.out.println(client.resetStatistics(id) ? "Counters of destination " + id + " reset"
                : "No destination " + id);
        return null;
    }
}
