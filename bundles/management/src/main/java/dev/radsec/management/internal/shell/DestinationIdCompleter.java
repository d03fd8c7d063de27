package dev.radsec.management.internal.shell;

import dev.radsec.transport.RadiusClient;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes configured destination ids. */
@Service
public class DestinationIdCompleter extends ValuesCompleter {
    @Reference
    RadiusClient client;

    @Override
    Stream<String> values() {
        return client.destinations().stream().map(String::valueOf);
    }
}
