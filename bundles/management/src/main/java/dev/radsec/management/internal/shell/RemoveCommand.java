package dev.radsec.management.internal.shell;

import java.nio.file.Path;
import java.util.Optional;

/** {@code radsec:<kind>-remove <name>}: deletes the instance's configuration and its file; it stops. */
abstract class RemoveCommand extends InstanceCommand {
    @Override
    public Object execute() {
        Optional<Path> file = store.remove(kind(), name);
        String what = kind().describe(name);
        System.out.println(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " removed"
                + file.map(f -> ", " + store.shown(f) + " deleted").orElse(""));
        return null;
    }
}
