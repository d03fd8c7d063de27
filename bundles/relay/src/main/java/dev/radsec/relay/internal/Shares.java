package dev.radsec.relay.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests a relay sent to each of its destinations first: the destination balancing (or failover) chose, the
 * share each one takes. The transport fails a request over to the next of the list only when the chosen one turns
 * out unavailable at that moment; its own counters ({@code Requests} per destination) count every destination that
 * was tried, and also requests of other relays and logins.
 */
final class Shares {
    private final int[] ids;
    private final LongAdder[] counts;

    Shares(List<Integer> ids) {
        this.ids = ids.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        this.counts = new LongAdder[this.ids.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts the destination {@code order} is tried on first: its first one that is up, else its first. */
    void count(List<Integer> order, DestinationStates states) {
        int chosen = order.get(0);
        for (int i = 0; i < order.size(); i++) {
            int id = order.get(i);
            if (states.up(id)) {
                chosen = id;
                break;
            }
        }
        int at = Arrays.binarySearch(ids, chosen);
        if (at >= 0) {
            counts[at].increment();
        }
    }

    /** Requests per destination id, ascending. */
    Map<Integer, Long> snapshot() {
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            out.put(ids[i], counts[i].sum());
        }
        return out;
    }
}
