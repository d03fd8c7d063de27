package dev.radsec.management.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.relay.RewriteMonitor;
import dev.radsec.relay.RewriteStatistics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code radsec:rewrites}: one row per rewrite with its counters, and whether it is applied or why not. */
class RewritesCommandTest {
    static final RewriteMonitor TWO = new RewriteMonitor() {
        private final List<RewriteStatistics> all = List.of(
                new RewriteStatistics("eduroam-visited", "", 120, 40, 120, 40, 0),
                new RewriteStatistics("typo", "refused: remove: 'Tunel-Type' is not an attribute of the dictionary",
                        0, 0, 0, 0, 0));

        @Override
        public List<RewriteStatistics> rewrites() {
            return all;
        }

        @Override
        public Optional<RewriteStatistics> rewrite(String name) {
            return all.stream().filter(r -> r.name().equals(name)).findFirst();
        }
    };

    @Test
    void everyRewriteWithItsCountersAndItsStatus() {
        List<List<String>> rows = run(null);
        assertEquals(List.of("Rewrite", "Packets", "Touched", "Removed", "Added", "Modified", "Status"), rows.get(0));
        assertEquals(List.of("eduroam-visited", "120", "40", "120", "40", "0", "applied"), rows.get(1));
        assertEquals(List.of("typo", "0", "0", "0", "0", "0",
                "refused: remove: 'Tunel-Type' is not an attribute of the dictionary"), rows.get(2));
        assertEquals(2, run("typo").size(), "one rewrite asked for: the header and its row");
    }

    private static List<List<String>> run(String name) {
        RewritesCommand command = new RewritesCommand();
        command.rewrites = TWO;
        command.name = name;
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
