package dev.radsec.management.internal.shell;

import dev.radsec.transport.ListenerMonitor;
import dev.radsec.transport.ListenerStatistics;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code radsec:listeners}: every running listener (relay ports, incoming, {@code dev.radsec.listener}
 * configurations) with its counters, and for DTLS listeners their sessions, handshakes, retransmissions and cookies.
 */
@Command(scope = "radsec", name = "listeners", description = "Lists the running listeners and their counters")
@Service
public class ListenersCommand implements Action {
    @Reference
    ListenerMonitor listeners;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"Listener", "Requests", "Responses", "Duplicates", "Unknown client",
            "Bad auth", "Malformed", "TLS refused", "DTLS sessions", "Handshakes", "Retransmits", "Cookies",
            "Bad cookies", "Dropped"}) {
            table.column(column);
        }
        for (String name : listeners.listeners()) {
            ListenerStatistics s = listeners.statistics(name).orElse(null);
            if (s == null) {
                continue;
            }
            ListenerStatistics.Dtls d = s.dtls();
            boolean dtls = !d.equals(ListenerStatistics.Dtls.NONE);
            table.addRow().addContent(name, s.requests(), s.responses(), s.duplicates(), s.unknownClients(),
                    s.badAuthenticators(), s.malformed(), s.tlsRefused(), dtls ? d.sessions() : "-",
                    dtls ? d.handshakes() : "-", dtls ? d.retransmissions() : "-", dtls ? d.cookies() : "-",
                    dtls ? d.cookieFailures() : "-", dtls ? d.dropped() : "-");
        }
        table.print(System.out);
        return null;
    }
}
