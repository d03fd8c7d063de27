package dev.radsec.management.internal.shell;

import dev.radsec.management.internal.ConfigurationKind;
import dev.radsec.management.internal.ConfigurationStore;
import dev.radsec.management.internal.PreSharedKeyMBean;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.PskStatus;
import java.util.Map;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code radsec:psks}: the TLS pre-shared keys, configured or held by the PKI, with their identity, TLS version,
 * status and where the key comes from ({@code inline} or its key-file). Never a key.
 */
@Command(scope = "radsec", name = "psks", description = "Lists the TLS pre-shared keys and their status (never a key)")
@Service
public class PsksCommand implements Action {
    @Reference
    PreSharedKeys keys;
    @Reference
    ConfigurationStore store;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Name", "Identity", "TLS", "Status", "Key from"}) {
            table.column(column);
        }
        TreeSet<String> names = new TreeSet<>(store.names(ConfigurationKind.PSK));
        keys.statuses().forEach(s -> names.add(s.name()));
        for (String name : names) {
            PskStatus s = keys.status(name);
            Map<String, Object> stored = store.stored(ConfigurationKind.PSK, name);
            table.addRow().addContent(name, s.identity().orElse(text(stored.get("identity"), "-")),
                    s.version().map(PreSharedKey.TlsVersion::label).orElse(text(stored.get("tls-version"), "-")),
                    PreSharedKeyMBean.describe(s),
                    source(stored));
        }
        table.print(System.out);
        return null;
    }

    /** {@code inline} or the key-file as configured: which, never what. */
    private static String source(Map<String, Object> stored) {
        String file = text(stored.get("key-file"), null);
        if (file != null) {
            return file;
        }
        return text(stored.get("key"), null) != null ? "inline" : "-";
    }

    private static String text(Object value, String none) {
        String s = value == null ? "" : value.toString().trim();
        return s.isEmpty() ? none : s;
    }
}
