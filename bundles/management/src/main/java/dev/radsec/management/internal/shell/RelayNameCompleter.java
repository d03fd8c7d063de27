package dev.radsec.management.internal.shell;

import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes running relay names. */
@Service
public class RelayNameCompleter extends ValuesCompleter {
    @Reference
    RelayMonitor relays;

    @Override
    Stream<String> values() {
        return relays.relays().stream().map(RelayStatistics::name);
    }
}
