package dev.radsec.auth.internal.shell;

import dev.radsec.auth.UserMappings;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes mapped usernames. */
@Service
public class UsernameCompleter implements Completer {
    @Reference
    UserMappings mappings;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(mappings.list()).complete(session, commandLine, candidates);
    }
}
