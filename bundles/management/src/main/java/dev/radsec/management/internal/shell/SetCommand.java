package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.KeyValues;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;

/** {@code radsec:<kind>-set <name> key=value ..}: changes keys of an instance; {@code key=} removes one. */
abstract class SetCommand extends InstanceCommand {
    @Argument(index = 1, name = "settings", multiValued = true, required = true,
            description = "key=value .., e.g. timeout=7; key= removes the key")
    List<String> settings;

    @Override
    public Object execute() {
        Map<String, String> given = KeyValues.parse(settings);
        report(name, "changed", store.set(kind(), name, given), given);
        return null;
    }
}
