package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.KeyValues;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;

/** {@code radsec:<kind>-add <name> key=value ..}: a new instance, written to {@code etc/<pid>-<name>.cfg}. */
abstract class AddCommand extends InstanceCommand {
    @Argument(index = 1, name = "settings", multiValued = true, required = true,
            description = "key=value .., e.g. address=192.0.2.7 protocol=radsec tls-certificate=client")
    List<String> settings;

    @Override
    public Object execute() {
        Map<String, String> given = KeyValues.parse(settings);
        report(name, "added", store.create(kind(), name, given), given);
        return null;
    }
}
