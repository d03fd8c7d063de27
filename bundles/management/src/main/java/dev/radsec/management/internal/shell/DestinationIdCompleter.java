package dev.radsec.management.internal.shell;

import dev.radsec.transport.RadiusClient;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes configured destination ids. */
@Service
public class DestinationIdCompleter implements Completer {
    @Reference
    RadiusClient client;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        client.destinations().forEach(id -> ids.getStrings().add(String.valueOf(id)));
        return ids.complete(session, commandLine, candidates);
    }
}
