package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.KeyValues;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Argument;

/**
 * {@code radsec:<kind>-set key=value ..} of a singleton PID ({@code dev.radsec.incoming}): changes its keys, and the
 * first time writes {@code etc/<pid>.cfg}; {@code key=} removes a key.
 */
abstract class SingletonSetCommand extends ConfigurationWriteCommand {
    @Argument(index = 0, name = "settings", multiValued = true, required = true,
            description = "key=value .., e.g. accept=true port=3799; key= removes the key")
    List<String> settings;

    @Override
    public Object execute() {
        Map<String, String> given = KeyValues.parse(settings);
        report(kind().noun(), "changed", store.set(kind(), kind().noun(), given), given);
        return null;
    }
}
