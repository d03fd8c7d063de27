package dev.radsec.management.internal.shell;

import java.util.List;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes from the values a subclass lists at the moment of completion. */
abstract class ValuesCompleter implements Completer {
    /** What may be completed now. */
    abstract Stream<String> values();

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter completer = new StringsCompleter();
        values().forEach(completer.getStrings()::add);
        return completer.complete(session, commandLine, candidates);
    }
}
