package dev.radsec.management.internal.shell;

import dev.radsec.transport.DestinationStatistics;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code radsec:monitor <id>}: the counters of MikroTik {@code /radius monitor}, refreshed until Ctrl-C. */
@Command(scope = "radsec", name = "monitor", description = "Shows a destination's counters, refreshing until Ctrl-C")
@Service
public class MonitorCommand extends DestinationCommand {
    @Option(name = "--interval", description = "seconds between refreshes (default 1)")
    int interval = 1;

    @Option(name = "--count", description = "stop after this many refreshes (default: until Ctrl-C)")
    int count;

    /** The options written after the id, as in {@code radsec:monitor 1 --interval 5}; see {@link TrailingOptions}. */
    @Argument(index = 1, name = "options", multiValued = true, description = "--interval s, --count n after the id")
    List<String> trailing;

    @Override
    public Object execute() throws Exception {
        PrintStream out = System.out;
        TrailingOptions after = TrailingOptions.parse(trailing, Set.of("--interval", "--count"));
        interval = after.number("--interval", interval);
        count = after.number("--count", count);
        for (int n = 1; count <= 0 || n <= count; n++) {
            DestinationStatistics s = client.statistics(id).orElse(null);
            if (s == null) {
                out.println("No destination " + id);
                return null;
            }
            print(out, s);
            if (count > 0 && n == count) {
                break;
            }
            out.println();
            try {
                Thread.sleep(Math.max(1, interval) * 1000L); // an operator's refresh
            } catch (InterruptedException ctrlC) {
                Thread.currentThread().interrupt();
                return null; // Ctrl-C ends the monitor, not in an error
            }
        }
        return null;
    }

    static void print(PrintStream out, DestinationStatistics s) {
        line(out, "destination", s.id());
        line(out, "state", s.state());
        line(out, "connections", s.connections());
        line(out, "pending", s.pending());
        line(out, "requests", s.requests());
        line(out, "accepts", s.accepts());
        line(out, "rejects", s.rejects());
        line(out, "challenges", s.challenges());
        line(out, "resends", s.resends());
        line(out, "timeouts", s.timeouts());
        line(out, "bad-replies", s.badReplies());
        line(out, "malformed", s.malformed());
        line(out, "last-request-rtt", s.lastRequestRttMillis() + "ms");
        s.tlsVersion().ifPresent(v -> line(out, "tls", v + " " + s.cipherSuite().orElse("")));
        s.peerSubject().ifPresent(v -> line(out, "peer", v));
    }

    private static void line(PrintStream out, String name, Object value) {
        out.printf("%18s: %s%n", name, value);
    }
}
