package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import dev.radsec.management.internal.ConfigurationStore;
import dev.radsec.management.internal.KeyValues;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

/**
 * A shell command that writes the configurations of one kind ({@code radsec:destination-add},
 * {@code radsec:relay-set}, {@code radsec:incoming-set} ...) through the {@link ConfigurationStore}: validated first,
 * written to the kind's file in {@code etc/}, refused with {@code key: reason}. A command of a new kind is a subclass
 * of {@link AddCommand}, {@link SetCommand}, {@link RemoveCommand} or {@link SingletonSetCommand} that names its
 * {@link #kind()}, with Karaf's {@code @Command} and {@code @Service}. What it prints never shows a secret.
 */
abstract class ConfigurationWriteCommand implements Action {
    @Reference
    ConfigurationStore store;

    /** The configurations this command writes. */
    abstract ConfigurationKind kind();

    /**
     * Prints one line: {@code Destination 7 added in etc/dev.radsec.destination-7.cfg: address=192.0.2.7,
     * secret=******}.
     */
    void report(String name, String done, Optional<Path> file, Map<String, String> settings) {
        String what = kind().describe(name);
        StringBuilder line = new StringBuilder(Character.toUpperCase(what.charAt(0)) + what.substring(1)).append(' ')
                .append(done);
        file.ifPresent(f -> line.append(" in ").append(store.shown(f)));
        if (!settings.isEmpty()) {
            line.append(": ").append(KeyValues.show(settings, (key, value) -> store.shown(kind().pid(), key, value)));
        }
        System.out.println(line);
    }
}
