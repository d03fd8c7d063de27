package dev.radsec.management.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.DestinationKeys;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.UdpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code radsec:destinations}: the columns scripts read by position, with the MikroTik ones appended last. */
class DestinationsCommandTest {
    private final Map<Integer, Map<String, String>> configurations = new LinkedHashMap<>();
    private final Map<Integer, DestinationStatistics> statistics = new LinkedHashMap<>();

    private void destination(int id, DestinationStatistics.State state, String... kv) throws InvalidConfigurationException {
        Map<String, Object> p = new LinkedHashMap<>(Map.of("id", String.valueOf(id), "address", "192.0.2." + id,
                "tls-certificate", "client"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        configurations.put(id, DestinationKeys.TABLE.parse(p).effective());
        statistics.put(id, new DestinationStatistics(id, state, 0, 10, 7, 2, 0, 0, 1, 0, 0, 0, 0, 12,
                state == DestinationStatistics.State.UP ? 1 : 0, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 0));
    }

    /** The table's lines, each split into its cells. */
    private List<List<String>> run() {
        DestinationsCommand command = new DestinationsCommand();
        command.client = new Client();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("|"))
                .map(l -> Arrays.stream(l.split("\\|")).map(String::trim).collect(Collectors.toList()))
                .collect(Collectors.toList());
    }

    @Test
    void theNewColumnsComeAfterTheLastOldOne() throws Exception {
        destination(1, DestinationStatistics.State.UP);
        List<String> header = run().get(0);
        assertEquals(List.of("Id", "Protocol", "Address", "Port", "State", "Conns", "TLS", "Pending", "Requests",
                "Accepts", "Rejects", "Timeouts", "RTT ms", "Auth", "Suite", "Comment", "Disabled", "Mode"), header,
                "the columns before Comment keep their positions");
    }

    @Test
    void aDisabledDestinationIsListedWithItsCommentAndMode() throws Exception {
        destination(1, DestinationStatistics.State.UP);
        destination(2, DestinationStatistics.State.DISABLED, "disabled", "true", "comment", "spare, rack 3",
                "service", "relay", "accounting-backup", "true");
        List<List<String>> table = run();
        assertEquals(3, table.size(), table.toString());
        List<String> enabled = table.get(1);
        assertEquals(List.of("1", "UP", "-", "false", "login,relay"), List.of(enabled.get(0), enabled.get(4),
                enabled.get(15), enabled.get(16), enabled.get(17)));
        List<String> disabled = table.get(2);
        assertEquals(List.of("2", "radsec", "192.0.2.2", "2083", "DISABLED"), disabled.subList(0, 5));
        assertEquals(List.of("spare, rack 3", "true", "relay+acct-backup"), disabled.subList(15, 18));
    }

    /** Destinations as the test configured them. */
    private final class Client implements RadiusClient {
        @Override
        public List<Integer> destinations() {
            return List.copyOf(configurations.keySet());
        }

        @Override
        public Optional<Map<String, String>> configuration(int id) {
            return Optional.ofNullable(configurations.get(id));
        }

        @Override
        public Optional<DestinationStatistics> statistics(int id) {
            return Optional.ofNullable(statistics.get(id));
        }

        @Override
        public CompletionStage<RadiusPacket> send(int id, RadiusPacket request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<RadiusPacket> send(List<Integer> ids, RadiusPacket request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<RadiusPacket> send(UdpServer server, RadiusPacket request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean resetStatistics(int id) {
            return false;
        }

        @Override
        public boolean reconnect(int id) {
            return false;
        }

        @Override
        public void validateDestination(Map<String, ?> properties) {
        }
    }
}
