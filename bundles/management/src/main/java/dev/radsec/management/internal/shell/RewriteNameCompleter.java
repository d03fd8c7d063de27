package dev.radsec.management.internal.shell;

import dev.radsec.relay.RewriteMonitor;
import dev.radsec.relay.RewriteStatistics;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes configured rewrite names. */
@Service
public class RewriteNameCompleter extends ValuesCompleter {
    @Reference
    RewriteMonitor rewrites;

    @Override
    Stream<String> values() {
        return rewrites.rewrites().stream().map(RewriteStatistics::name);
    }
}
