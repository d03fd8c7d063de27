package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import dev.radsec.management.internal.ConfigurationStore;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes the configured instances of the kind a command writes, told by its name: destination ids for
 * {@code radsec:destination-set}, relay names for {@code radsec:relay-remove}.
 */
@Service
public class ConfiguredNameCompleter implements Completer {
    @Reference
    ConfigurationStore store;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter completer = new StringsCompleter();
        String[] words = commandLine.getArguments();
        if (words.length > 0) {
            ConfigurationKind.ofCommand(words[0]).filter(ConfigurationKind::factory)
                    .ifPresent(kind -> completer.getStrings().addAll(store.names(kind)));
        }
        return completer.complete(session, commandLine, candidates);
    }
}
