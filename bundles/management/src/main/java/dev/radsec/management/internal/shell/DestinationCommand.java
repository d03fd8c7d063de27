package dev.radsec.management.internal.shell;

import dev.radsec.transport.RadiusClient;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * A command on one configured destination, {@code radsec:<command> <id> ..}: the client service and the id, with
 * completion. Karaf injects and parses the fields of superclasses as it does its own {@code bundle:*} commands.
 */
abstract class DestinationCommand implements Action {
    @Reference
    RadiusClient client;

    @Argument(index = 0, name = "id", description = "destination id", required = true)
    @Completion(DestinationIdCompleter.class)
    int id;
}
