package dev.radsec.management.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.transport.AccountingSpoolStatistics;
import dev.radsec.transport.ClientNetworkStatistics;
import dev.radsec.transport.RelayMonitor;
import dev.radsec.transport.RelayStatistics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code radsec:relays}: the balance and each destination's share, then the accounting spool, as the last columns. */
class RelaysCommandTest {

    @Test
    void theSharesComeLastOnEveryRowOfTheRelay() {
        Map<Integer, Long> shares = new LinkedHashMap<>();
        shares.put(11, 1051L);
        shares.put(12, 949L);
        shares.put(13, 1000L);
        RelayStatistics lb = new RelayStatistics("lb", List.of("relay-lb-auth", "relay-lb-acct"), List.of(11, 12, 13),
                0, List.of(new ClientNetworkStatistics("127.0.0.1/32", 3000, 3000, 0, 0, 0, 0, 0),
                        new ClientNetworkStatistics(ClientNetworkStatistics.UNKNOWN, 0, 0, 0, 0, 0, 0, 0)),
                "keyed", shares, new AccountingSpoolStatistics(64L << 20, 12, 3 << 10, 40, 28, 0, 1, 2));
        RelayStatistics old = new RelayStatistics("old", List.of("relay-old-auth"), List.of(1), 0,
                List.of(new ClientNetworkStatistics("10.0.0.0/8", 1, 1, 0, 0, 0, 0, 0)));
        List<List<String>> rows = run(List.of(lb, old));
        assertEquals(List.of("Relay", "Destinations", "Network", "Requests", "Forwarded", "Unknown client", "Bad auth",
                "Duplicates", "No destination", "Malformed", "Shares", "Accounting spool"), rows.get(0));
        String spool = "12 waiting 3 KiB/64 MiB, spooled 40, replayed 28, duplicates 1, full 0, torn 2";
        assertEquals(List.of("lb", "[11, 12, 13]", "127.0.0.1/32", "3000", "3000", "0", "0", "0", "0", "0",
                "keyed 11=1051 12=949 13=1000", spool), rows.get(1));
        assertEquals("keyed 11=1051 12=949 13=1000", rows.get(2).get(10));
        assertEquals(spool, rows.get(2).get(11), "on every row of the relay");
        assertEquals("failover", rows.get(3).get(10), "a relay reported without shares");
        assertEquals("off", rows.get(3).get(11), "a relay reported without a spool");
    }

    private static List<List<String>> run(List<RelayStatistics> relays) {
        RelaysCommand command = new RelaysCommand();
        command.relays = new RelayMonitor() {
            @Override
            public List<RelayStatistics> relays() {
                return relays;
            }

            @Override
            public Optional<RelayStatistics> relay(String name) {
                return relays.stream().filter(r -> r.name().equals(name)).findFirst();
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("|"))
                .map(l -> Arrays.stream(l.split("\\|")).map(String::trim).collect(Collectors.toList()))
                .collect(Collectors.toList());
    }
}
