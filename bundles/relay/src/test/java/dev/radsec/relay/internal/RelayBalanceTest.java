package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DestinationStatistics.State;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RelayStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A balancing relay end to end in plain Java: the order it hands the transport per request, the states it starts
 * from and follows, and the shares it counts and reports.
 */
class RelayBalanceTest {
    private static final Dictionary DICT = Dictionary.standard();
    private final RelayHandlerTest.Recording client = new RelayHandlerTest.Recording();
    private final RelayRegistry registry = new RelayRegistry();

    private RelayHandler relay(String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("name", "lb", "secret", "nas-secret",
                "destinations", "11, 12, 13", "balance", "keyed"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        RelayHandler relay = new RelayHandler(new RelaySettings(p), client, registry.states());
        registry.add(relay);
        return relay;
    }

    private static RadiusPacket station(int i) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "guest")
                .add("Calling-Station-Id", String.format("AA-BB-CC-00-%02X-%02X", i >> 8, i & 0xFF))
                .add("Called-Station-Id", "00-11-22-33-44-55:guest").build();
    }

    private Map<Integer, Integer> firsts() {
        Map<Integer, Integer> h = new TreeMap<>();
        client.routes.forEach(r -> h.merge(r.get(0), 1, Integer::sum));
        return h;
    }

    @Test
    void theTransportGetsTheRingOrderForTheRelayServiceAndTheSharesAreCounted() throws Exception {
        client.states.putAll(Map.of(11, State.UP, 12, State.UP, 13, State.CONNECTING));
        RelayHandler relay = relay();
        for (int i = 0; i < 3000; i++) {
            relay.handle(RelayHandlerTest.NAS, station(i), false);
        }
        Map<Integer, Integer> h = firsts();
        h.values().forEach(n -> assertTrue(n >= 900 && n <= 1101, h.toString()));
        assertTrue(client.services.stream().allMatch(s -> s == RadiusClient.Service.RELAY));
        assertTrue(client.routes.stream().allMatch(r -> r.size() == 3), "the ring successors follow, for failover");
        RelayStatistics stats = registry.relay("lb").orElseThrow();
        assertEquals("keyed", stats.balance());
        Map<Integer, Long> expected = new TreeMap<>();
        h.forEach((id, n) -> expected.put(id, (long) n));
        assertEquals(expected, stats.shares());
        assertEquals(List.of(11, 12, 13), List.copyOf(stats.shares().keySet()));
    }

    @Test
    void aRelayStartsFromTheStatesTheTransportHasNowAndFollowsItsEvents() throws Exception {
        client.states.putAll(Map.of(11, State.UP, 12, State.DOWN, 13, State.DISABLED));
        RelayHandler relay = relay("balance", "round-robin");
        for (int i = 0; i < 3; i++) {
            relay.handle(RelayHandlerTest.NAS, station(i), false);
        }
        assertEquals(Map.of(11, 3), firsts(), "only 11 is up");
        registry.stateChanged(12, State.DOWN, State.UP, "connected");
        registry.stateChanged(11, State.UP, State.DOWN, "connection refused");
        client.routes.clear();
        for (int i = 0; i < 3; i++) {
            relay.handle(RelayHandlerTest.NAS, station(i), false);
        }
        assertEquals(Map.of(12, 3), firsts());
        assertEquals(Map.of(11, 3L, 12, 3L, 13, 0L), registry.relay("lb").orElseThrow().shares());
    }

    @Test
    void aDestinationTheTransportDoesNotKnowCountsAsDownUntilItReports() throws Exception {
        client.states.putAll(Map.of(11, State.UP, 13, State.UP));
        RelayHandler relay = relay();
        for (int i = 0; i < 300; i++) {
            relay.handle(RelayHandlerTest.NAS, station(i), false);
        }
        assertFalse(firsts().containsKey(12), firsts().toString());
        registry.stateChanged(12, State.CONNECTING, State.UP, "configured and connected");
        client.routes.clear();
        for (int i = 0; i < 300; i++) {
            relay.handle(RelayHandlerTest.NAS, station(i), false);
        }
        assertTrue(firsts().get(12) > 60, firsts().toString());
    }

    @Test
    void aFailoverRelayCountsTheFirstDestinationUpAndReportsFailover() throws Exception {
        client.states.putAll(Map.of(11, State.DOWN, 12, State.UP, 13, State.UP));
        RelayHandler relay = relay("balance", "failover");
        relay.handle(RelayHandlerTest.NAS, station(1), false);
        assertEquals(List.of(List.of(11, 12, 13)), client.routes, "the list as configured");
        RelayStatistics stats = registry.relay("lb").orElseThrow();
        assertEquals("failover", stats.balance());
        assertEquals(Map.of(11, 0L, 12, 1L, 13, 0L), stats.shares());
    }
}
