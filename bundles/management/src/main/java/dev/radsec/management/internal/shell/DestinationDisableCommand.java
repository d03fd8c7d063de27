package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:destination-disable <id>}: MikroTik's {@code disabled=yes}, its configuration stays. */
@Command(scope = "radsec", name = "destination-disable",
        description = "Disables a destination (disabled=true): its configuration stays, no connection is made")
@Service
public class DestinationDisableCommand extends InstanceCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.DESTINATION;
    }

    @Override
    public Object execute() {
        Map<String, String> disabled = Map.of("disabled", "true");
        report(name, "disabled", store.set(kind(), name, disabled), disabled);
        return null;
    }
}
