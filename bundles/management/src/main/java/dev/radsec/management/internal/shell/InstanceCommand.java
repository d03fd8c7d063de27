package dev.radsec.management.internal.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

/** A write to one instance of a factory kind: {@code radsec:<kind>-<verb> <id or name> ..}, completed with Tab. */
abstract class InstanceCommand extends ConfigurationWriteCommand {
    @Argument(index = 0, name = "name", required = true,
            description = "the destination's id, or the relay's or listener's name (etc/<pid>-<name>.cfg)")
    @Completion(ConfiguredNameCompleter.class)
    String name;
}
