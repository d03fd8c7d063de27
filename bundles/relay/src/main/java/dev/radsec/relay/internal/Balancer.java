package dev.radsec.relay.internal;

import dev.radsec.codec.RadiusPacket;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A relay's {@code balance}: for each request, the order in which the destinations of its route are tried. That
 * order goes to {@code RadiusClient.send(ids, request, service)}, which still skips destinations that are disabled,
 * serve no relays, do not match the Called-Station-Id or are accounting backups, and fails over down the list.
 *
 * <ul>
 *   <li>{@code failover}: the route as configured.</li>
 *   <li>{@code round-robin}: the destination whose turn it is among those up ({@link RoundRobin}), then the rest.</li>
 *   <li>{@code keyed}: the walk of the route's {@link HashRing} from the request's {@link BalanceKey}: its owner,
 *       or, while the owner is down, the next destination on the ring that is up. A request with no key attribute
 *       at all has nothing to keep together and goes round-robin.</li>
 * </ul>
 *
 * <p>Everything is built once per configuration, one ring and one rotation per route (the relay's destinations and
 * each realm's); per request there is a hash, a binary search and a few reads of destination states.
 */
final class Balancer {
    private final Balance balance;
    private final BalanceKey key;
    private final DestinationStates states;
    /** By the route lists of the settings themselves, which {@link RelaySettings#route} returns. */
    private final Map<List<Integer>, RoundRobin> rotations = new IdentityHashMap<>();
    private final Map<List<Integer>, HashRing> rings = new IdentityHashMap<>();

    Balancer(RelaySettings settings, DestinationStates states) {
        this.balance = settings.balance;
        this.key = new BalanceKey(settings.balanceKey);
        this.states = states;
        if (balance == Balance.FAILOVER) {
            return;
        }
        List<List<Integer>> routes = new ArrayList<>(settings.realms.values());
        routes.add(settings.destinations);
        for (List<Integer> route : routes) {
            if (route.isEmpty() || rotations.containsKey(route)) {
                continue;
            }
            List<Integer> ids = List.copyOf(new LinkedHashSet<>(route)); // "1, 1, 2" is 1 and 2
            rotations.put(route, new RoundRobin(ids, settings.weights));
            if (balance == Balance.KEYED) {
                rings.put(route, new HashRing(ids, settings.weights));
            }
        }
    }

    /** The destinations of {@code route} in the order to try them for {@code request}. */
    List<Integer> order(List<Integer> route, RadiusPacket request) {
        RoundRobin rotation = rotations.get(route);
        if (rotation == null) {
            return route; // failover, or a route the settings do not hold
        }
        if (balance == Balance.ROUND_ROBIN) {
            return rotation.next(states);
        }
        long hash = key.hash(request);
        if (hash == BalanceKey.NONE) {
            return rotation.next(states);
        }
        List<Integer> walk = rings.get(route).walk(hash);
        return states.up(walk.get(0)) ? walk : upFirst(walk);
    }

    /**
     * The owner is down: the walk with the destinations that are up first, each group in ring order. Only the keys
     * of a down destination get here, and only they move.
     */
    private List<Integer> upFirst(List<Integer> walk) {
        List<Integer> up = new ArrayList<>(walk.size());
        List<Integer> down = new ArrayList<>(walk.size());
        for (Integer id : walk) {
            (states.up(id) ? up : down).add(id);
        }
        up.addAll(down); // still tried last: our view of their state may lag the transport's
        return up;
    }
}
