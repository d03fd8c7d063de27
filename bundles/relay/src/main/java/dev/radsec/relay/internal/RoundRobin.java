package dev.radsec.relay.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rotates over a route's destinations that are up, each taking turns in proportion to its weight; the chosen one
 * is followed by the others in route order, for failover. The rotations are built once, so a request costs one
 * counter increment and a look at each destination's state.
 */
final class RoundRobin {
    private final int[] ids;
    private final int[] weights;
    /** rotations[i]: the route starting at its i-th destination, wrapping around. */
    private final List<List<Integer>> rotations;
    private final AtomicLong turn = new AtomicLong();

    /**
     * @param ids     the route's destinations, distinct, in order
     * @param weights weight per id; an id missing weighs 1
     */
    RoundRobin(List<Integer> ids, Map<Integer, Integer> weights) {
        this.ids = ids.stream().mapToInt(Integer::intValue).toArray();
        this.weights = ids.stream().mapToInt(id -> weights.getOrDefault(id, 1)).toArray();
        List<List<Integer>> r = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<Integer> rotation = new ArrayList<>(ids.subList(i, ids.size()));
            rotation.addAll(ids.subList(0, i));
            r.add(List.copyOf(rotation));
        }
        rotations = List.copyOf(r);
    }

    /** The order for the next request: the next destination whose turn it is among those up, then the rest. */
    List<Integer> next(DestinationStates states) {
        long upWeight = 0;
        for (int i = 0; i < ids.length; i++) {
            if (states.up(ids[i])) {
                upWeight += weights[i];
            }
        }
        long t = turn.getAndIncrement() & Long.MAX_VALUE;
        if (upWeight == 0) {
            return rotations.get((int) (t % ids.length)); // none up: the transport says so, in turn
        }
        long slot = t % upWeight;
        for (int i = 0; i < ids.length; i++) {
            if (states.up(ids[i])) {
                if (slot < weights[i]) {
                    return rotations.get(i);
                }
                slot -= weights[i];
            }
        }
        return rotations.get(0); // the states changed under us: any order will do for this one
    }
}
