package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:dictionary-set}: changes the RADIUS dictionary in {@code etc/dev.radsec.dictionary.cfg}. */
@Command(scope = "radsec", name = "dictionary-set", description = "Changes the RADIUS dictionary: radsec:dictionary-set path=.. in etc/dev.radsec.dictionary.cfg (path= for the bundled one only)")
@Service
public class DictionarySetCommand extends SingletonSetCommand {
    @Override
    ConfigurationKind kind() {
        return ConfigurationKind.DICTIONARY;
    }
}
