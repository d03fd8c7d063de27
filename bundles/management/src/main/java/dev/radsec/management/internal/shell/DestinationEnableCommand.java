package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:destination-enable <id>}: undoes {@code destination-disable} by removing the {@code disabled} key. */
@Command(scope = "radsec", name = "destination-enable", description = "Enables a disabled destination (removes disabled)")
@Service
public class DestinationEnableCommand extends InstanceCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.DESTINATION;
    }

    @Override
    public Object execute() {
        report(name, "enabled", store.set(kind(), name, Map.of("disabled", "")), Map.of());
        return null;
    }
}
