package dev.radsec.management.internal.shell;

import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code radsec:destinations}: every destination, its state and main counters. */
@Command(scope = "radsec", name = "destinations", description = "Lists the RADIUS/RadSec destinations")
@Service
public class DestinationsCommand implements Action {
    @Reference
    RadiusClient client;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        // new columns go after the last one: scripts read the columns by position
        for (String column : new String[] {"Id", "Protocol", "Address", "Port", "State", "Conns", "TLS", "Pending",
            "Requests", "Accepts", "Rejects", "Timeouts", "RTT ms", "Auth", "Suite", "Comment", "Disabled", "Mode"}) {
            table.column(column);
        }
        for (int id : client.destinations()) {
            Map<String, String> c = client.configuration(id).orElse(Map.of());
            DestinationStatistics s = client.statistics(id).orElse(null);
            if (s == null) {
                continue;
            }
            table.addRow().addContent(id, c.get("protocol"), c.get("address"), c.get("port"), s.state(),
                    s.connections(), s.tlsVersion().orElse("-"), s.pending(), s.requests(), s.accepts(), s.rejects(),
                    s.timeouts(), s.lastRequestRttMillis(), auth(c), s.cipherSuite().orElse("-"), comment(c),
                    "true".equals(c.get("disabled")), mode(c));
        }
        table.print(System.out);
        return null;
    }

    /** The comment, or - (an empty cell would shift the columns of a script that splits on blanks). */
    private static String comment(Map<String, String> c) {
        String comment = c.get("comment");
        return comment == null || comment.isBlank() ? "-" : comment;
    }

    /** MikroTik's service ({@code login,relay}), with {@code +acct-backup} for an accounting backup. */
    static String mode(Map<String, String> c) {
        String service = c.getOrDefault("service", "");
        return (service.isBlank() ? "-" : service) + ("true".equals(c.get("accounting-backup")) ? "+acct-backup" : "");
    }

    /** certificate, psk (the key's name, never the key), or - for UDP. */
    private static String auth(Map<String, String> c) {
        if ("udp".equals(c.get("protocol"))) {
            return "-";
        }
        String psk = c.get("tls-psk");
        return psk != null && !psk.isBlank() ? "psk " + psk : "certificate";
    }
}
