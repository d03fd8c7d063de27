package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The order each request's destinations are tried in: consistent hashing that moves only a down destination's keys
 * and brings them back, weights, round-robin over what is up, accounting keyed on Acct-Session-Id, and every
 * round of an EAP conversation on one destination.
 */
class BalancerTest {
    private static final Dictionary DICT = Dictionary.standard();
    private final DestinationStates states = new DestinationStates();

    private RelaySettings settings(String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("secret", "nas-secret", "destinations", "11, 12, 13"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        RelaySettings s = new RelaySettings(p);
        s.allDestinations().forEach(id -> states.set(id, false));
        return s;
    }

    /** An Access-Request of a NAS at Called-Station-Id {@code ap} from a station {@code mac} for {@code user}. */
    private static RadiusPacket access(String mac, String ap, String user) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", user)
                .add("Calling-Station-Id", mac).add("Called-Station-Id", ap).add("NAS-Port", 1).build();
    }

    private static String mac(int i) {
        return String.format("02-00-00-%02X-%02X-%02X", (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF);
    }

    private static RadiusPacket station(int i) {
        return access(mac(i), "00-11-22-33-44-55:campus", "user" + (i % 7) + "@example.org");
    }

    /** The destination each of {@code count} stations goes to first. */
    private static List<Integer> owners(Balancer b, List<Integer> route, int count) {
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            owners.add(b.order(route, station(i)).get(0));
        }
        return owners;
    }

    private static Map<Integer, Integer> histogram(List<Integer> owners) {
        Map<Integer, Integer> h = new TreeMap<>();
        owners.forEach(o -> h.merge(o, 1, Integer::sum));
        return h;
    }

    @Test
    void threeThousandStationsOverThreeEqualDestinationsEachTakeAThird() throws Exception {
        RelaySettings s = settings("balance", "keyed");
        Map<Integer, Integer> h = histogram(owners(new Balancer(s, states), s.destinations, 3000));
        assertEquals(List.of(11, 12, 13), List.copyOf(h.keySet()));
        for (int n : h.values()) {
            assertTrue(n >= 900 && n <= 1101, "each 30-36.7 %: " + h);
        }
    }

    @Test
    void theRingIsBalancedForAnyIdsNotJustLuckyOnes() throws Exception {
        // the ring's own shares (what infinitely many keys would give) for many id triples: within 2 points of a
        // third, leaving the rest of 30-36.7 % to the chance of which 3,000 keys come
        for (int base = 1; base < 65_000; base += 211) {
            HashRing ring = new HashRing(List.of(base, base + 1, base + 2), Map.of());
            for (double share : ring.shares().values()) {
                assertTrue(share > 0.313 && share < 0.353, "ids " + base + "..: " + ring.shares());
            }
            assertEquals(1.0, ring.shares().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        }
    }

    @Test
    void aDestinationOfWeightTwoTakesTwiceTheShare() throws Exception {
        RelaySettings s = settings("balance", "keyed", "destinations", "11, 12", "weights", "11:2, 12:1");
        Map<Integer, Integer> h = histogram(owners(new Balancer(s, states), s.destinations, 3000));
        assertTrue(h.get(11) > 1900 && h.get(11) < 2100, h.toString());
        HashRing ring = new HashRing(List.of(11, 12), s.weights);
        assertEquals(12_000, ring.size(), "4,000 points per unit of weight");
        assertEquals(2.0 / 3, ring.shares().get(11), 0.02);
    }

    @Test
    void whileADestinationIsDownOnlyItsKeysMoveAndTheyComeBack() throws Exception {
        RelaySettings s = settings("balance", "keyed");
        Balancer b = new Balancer(s, states);
        List<Integer> before = owners(b, s.destinations, 3000);
        states.set(12, true);
        List<Integer> during = owners(b, s.destinations, 3000);
        Map<Integer, Integer> movedTo = new TreeMap<>();
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) == 12) {
                assertNotEquals(12, during.get(i));
                movedTo.merge(during.get(i), 1, Integer::sum);
            } else {
                assertEquals(before.get(i), during.get(i), "station " + i + " stays where it was");
            }
        }
        // the down destination's keys spread over both others (its points neighbour both), not all onto one
        assertTrue(movedTo.getOrDefault(11, 0) > 250 && movedTo.getOrDefault(13, 0) > 250, movedTo.toString());
        List<Integer> order = b.order(s.destinations, station(before.indexOf(12)));
        assertEquals(12, order.get(2), "the down one last: our view of its state may lag the transport's");
        states.set(12, false);
        assertEquals(before, owners(b, s.destinations, 3000), "back up: every key where it was");
    }

    @Test
    void theOrderIsTheRingWalkSoTheTransportFailsOverToTheNextDestinationOnTheRing() throws Exception {
        RelaySettings s = settings("balance", "keyed");
        Balancer b = new Balancer(s, states);
        for (int i = 0; i < 200; i++) {
            List<Integer> order = b.order(s.destinations, station(i));
            assertEquals(3, order.size());
            assertEquals(3, order.stream().distinct().count(), "each destination once: " + order);
            states.set(order.get(0), true);
            assertEquals(order.get(1), b.order(s.destinations, station(i)).get(0),
                    "the owner down: the next on the ring, as the transport would fail over");
            states.set(order.get(0), false);
        }
        assertTrue(new HashRing(List.of(11, 12, 13), Map.of()).distinctWalks() <= 6, "walks are shared");
    }

    @Test
    void everyRoundOfAnEapConversationGoesToOneDestination() throws Exception {
        RelaySettings s = settings("balance", "keyed");
        Balancer b = new Balancer(s, states);
        Map<Integer, Integer> conversationsPer = new TreeMap<>();
        for (int c = 0; c < 300; c++) {
            Integer first = null;
            for (int round = 0; round < 9; round++) {
                // what changes between rounds: Identifier, State, EAP-Message, Message-Authenticator
                RadiusPacket.Builder r = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).identifier(round)
                        .add("User-Name", "host/laptop" + c + ".example.org")
                        .add("Calling-Station-Id", mac(c)).add("Called-Station-Id", "00-11-22-33-44-55:eduroam")
                        .add("NAS-Port", 7).add("EAP-Message", new byte[] {2, (byte) round, 0, 6, 13, 0})
                        .add("Message-Authenticator", new byte[16]);
                if (round > 0) {
                    r.add("State", ("state-" + c + "-" + round).getBytes());
                }
                int to = b.order(s.destinations, r.build()).get(0);
                if (first == null) {
                    first = to;
                    conversationsPer.merge(to, 1, Integer::sum);
                }
                assertEquals(first, to, "conversation " + c + " round " + round);
            }
        }
        assertEquals(3, conversationsPer.size(), "and conversations spread: " + conversationsPer);
    }

    @Test
    void accountingIsKeyedOnAcctSessionId() throws Exception {
        RelaySettings s = settings("balance", "keyed");
        Balancer b = new Balancer(s, states);
        Map<Integer, Integer> sessionsPer = new TreeMap<>();
        for (int session = 0; session < 300; session++) {
            Integer first = null;
            for (String type : new String[] {"Start", "Interim-Update", "Stop"}) {
                // the same session from a station that roams (another Calling-Station-Id each time, here)
                RadiusPacket acct = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT)
                        .add("User-Name", "alice").add("Acct-Status-Type", type)
                        .add("Acct-Session-Id", "5F00" + session).add("Calling-Station-Id", mac(session * 3 + type.length()))
                        .build();
                int to = b.order(s.destinations, acct).get(0);
                first = first == null ? to : first;
                assertEquals(first, to, "session " + session + " " + type);
            }
            sessionsPer.merge(first, 1, Integer::sum);
        }
        assertEquals(3, sessionsPer.size(), "one user's sessions spread over every destination: " + sessionsPer);
        // and an Access-Request is not keyed on it
        RadiusPacket a1 = access(mac(1), "ap", "alice");
        assertEquals(b.order(s.destinations, a1), b.order(s.destinations, RadiusPacket.builder(PacketCode.ACCESS_REQUEST,
                DICT).addAll(a1.attributes()).add("Acct-Session-Id", "ignored").build()));
    }

    @Test
    void aRequestWithoutAnyKeyAttributeGoesRoundRobin() throws Exception {
        RelaySettings s = settings("balance", "keyed", "balance-key", "Calling-Station-Id");
        Balancer b = new Balancer(s, states);
        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firsts.add(b.order(s.destinations, RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                    .add("User-Name", "same").build()).get(0));
        }
        assertEquals(List.of(11, 12, 13, 11, 12, 13), firsts);
    }

    @Test
    void roundRobinRotatesOverTheDestinationsThatAreUp() throws Exception {
        RelaySettings s = settings("balance", "round-robin");
        Balancer b = new Balancer(s, states);
        RadiusPacket r = station(1);
        List<List<Integer>> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(b.order(s.destinations, r));
        }
        assertEquals(List.of(List.of(11, 12, 13), List.of(12, 13, 11), List.of(13, 11, 12), List.of(11, 12, 13)),
                orders, "each in turn, the others after it for failover");
        states.set(12, true);
        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firsts.add(b.order(s.destinations, r).get(0));
        }
        assertEquals(2, firsts.stream().distinct().count(), firsts.toString());
        assertTrue(!firsts.contains(12) && firsts.stream().filter(f -> f == 11).count() == 3, firsts.toString());
        states.set(11, true);
        states.set(13, true);
        List<Integer> none = b.order(s.destinations, r);
        assertEquals(3, none.size(), "none up: still the whole list, for the transport to say so");
    }

    @Test
    void roundRobinTakesWeightsIntoAccount() throws Exception {
        RelaySettings s = settings("balance", "round-robin", "weights", "11:2, 13:3");
        Balancer b = new Balancer(s, states);
        Map<Integer, Integer> h = new TreeMap<>();
        for (int i = 0; i < 600; i++) {
            h.merge(b.order(s.destinations, station(i)).get(0), 1, Integer::sum);
        }
        assertEquals(Map.of(11, 200, 12, 100, 13, 300), h);
    }

    @Test
    void failoverHandsTheRouteAsConfigured() throws Exception {
        RelaySettings s = settings("destinations", "13, 11, 12");
        states.set(13, true);
        assertSame(s.destinations, new Balancer(s, states).order(s.destinations, station(1)),
                "today's behaviour: the transport fails over down the list");
    }

    @Test
    void eachRealmHasARingOfItsOwn() throws Exception {
        RelaySettings s = settings("balance", "keyed", "realms", "example.org=21 22, *=11 12 13");
        Balancer b = new Balancer(s, states);
        Map<Integer, Integer> h = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            RadiusPacket r = access(mac(i), "ap", "user" + i + "@example.org");
            List<Integer> order = b.order(s.route("user" + i + "@example.org"), r);
            assertEquals(2, order.size());
            h.merge(order.get(0), 1, Integer::sum);
        }
        assertEquals(List.of(21, 22), List.copyOf(h.keySet()), h.toString());
    }
}
