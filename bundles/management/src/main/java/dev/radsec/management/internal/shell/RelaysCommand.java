package dev.radsec.management.internal.shell;

import dev.radsec.transport.AccountingSpoolStatistics;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code radsec:relays [name]}: each relay's counters per client network; then its balance and the requests it sent
 * to each destination first; last, its accounting spool.
 */
@Command(scope = "radsec", name = "relays", description = "Lists the relays and their counters per client network")
@Service
public class RelaysCommand implements Action {
    @Reference
    RelayMonitor relays;

    @Argument(index = 0, name = "name", description = "only this relay")
    @Completion(RelayNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Relay", "Destinations", "Network", "Requests", "Forwarded",
            "Unknown client", "Bad auth", "Duplicates", "No destination", "Malformed", "Shares", "Accounting spool"}) {
            table.column(column);
        }
        for (RelayStatistics r : relays.relays()) {
            if (name != null && !name.equals(r.name())) {
                continue;
            }
            String shares = shares(r);
            String spool = spool(r.accountingSpool());
            for (ClientNetworkStatistics n : r.networks()) {
                table.addRow().addContent(r.name(), r.destinations(), n.network(), n.requests(), n.forwarded(),
                        n.droppedUnknownClient(), n.badAuthenticator(), n.duplicates(), n.noDestination(), n.malformed(),
                        shares, spool);
            }
        }
        table.print(System.out);
        return null;
    }

    /** {@code keyed 11=1012 12=990 13=998}: the balance and the requests sent to each destination first. */
    static String shares(RelayStatistics r) {
        StringBuilder b = new StringBuilder(r.balance());
        r.shares().forEach((id, n) -> b.append(' ').append(id).append('=').append(n));
        return b.toString();
    }

    /**
     * {@code 12 waiting 3 KiB/64 MiB, spooled 40, replayed 28, duplicates 1, full 0, torn 0}, or {@code off} for a
     * relay that spools nothing and holds nothing.
     */
    static String spool(AccountingSpoolStatistics s) {
        if (s.maxBytes() == 0 && s.records() == 0 && s.spooled() == 0 && s.replayed() == 0) {
            return "off";
        }
        return s.records() + " waiting " + size(s.bytes()) + "/" + size(s.maxBytes()) + ", spooled " + s.spooled()
                + ", replayed " + s.replayed() + ", duplicates " + s.duplicates() + ", full " + s.full() + ", torn "
                + s.torn();
    }

    private static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1 << 10 ? (bytes >> 10) + " KiB" : bytes + " B";
    }
}
