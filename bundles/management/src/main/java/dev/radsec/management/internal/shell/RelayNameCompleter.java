package dev.radsec.management.internal.shell;

import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes running relay names. */
@Service
public class RelayNameCompleter implements Completer {
    @Reference
    RelayMonitor relays;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        relays.relays().stream().map(RelayStatistics::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
