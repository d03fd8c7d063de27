package dev.radsec.relay.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consistent-hash ring over a route's destinations: each destination has virtual nodes (points on the ring) in
 * proportion to its weight, and a key belongs to the first point at or after its hash, wrapping around. Built once
 * per configuration; a lookup is one binary search over a sorted {@code long[]} and allocates nothing.
 *
 * <p>A lookup answers the whole walk: the destinations in the order their points first follow the key's hash, its
 * owner first. Skipping the ones that are down in that order sends a down destination's keys to the next
 * destination on the ring, and only its keys: every other key's owner is the same whatever is down. The walks are
 * precomputed per point and shared (a route of n destinations has few distinct ones), so the list handed to the
 * transport costs nothing per request either.
 */
final class HashRing {
    /**
     * Points per unit of weight. The share of the ring a destination owns deviates from its weight's share by about
     * 1/sqrt(points), relative: 1.6 % with 4,000 (over 5,000 triples of ids, three equal destinations own 31.8 to
     * 34.9 % each), where ketama's 160 gives 8 %, too coarse for three servers to take a third each within a few
     * percent. Lookups stay one binary search (14 steps for 12,000 points).
     */
    static final int POINTS_PER_WEIGHT = 4000;
    /**
     * At most about this many points on one ring: many destinations or heavy weights get fewer points per unit of
     * weight, never fewer than 1. It bounds the memory of the precomputed walks too (points x destinations).
     */
    static final int MAX_POINTS = 20_000;

    /** The points, sorted. */
    private final long[] points;
    /** For each point, the index in {@link #walks} of the walk that starts there. */
    private final int[] walkAt;
    private final List<List<Integer>> walks;

    /**
     * @param ids     the route's destinations, distinct
     * @param weights weight per id; an id missing weighs 1
     */
    HashRing(List<Integer> ids, Map<Integer, Integer> weights) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a ring needs a destination");
        }
        long total = 0;
        for (int id : ids) {
            total += weights.getOrDefault(id, 1);
        }
        int perWeight = (int) Math.max(1, Math.min(POINTS_PER_WEIGHT, MAX_POINTS / total));
        int count = (int) (total * perWeight);
        long[] unsorted = new long[count];
        int[] ownerOf = new int[count];
        int n = 0;
        for (int d = 0; d < ids.size(); d++) {
            int id = ids.get(d);
            int vnodes = weights.getOrDefault(id, 1) * perWeight;
            for (int v = 0; v < vnodes; v++) {
                // (id, v) are distinct and mix is a bijection: no two points coincide
                unsorted[n] = KeyHash.mix(((long) id << 32) | v);
                ownerOf[n] = d;
                n++;
            }
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(unsorted[a], unsorted[b]));
        points = new long[count];
        int[] owner = new int[count];
        for (int i = 0; i < count; i++) {
            points[i] = unsorted[order[i]];
            owner[i] = ownerOf[order[i]];
        }
        walkAt = new int[count];
        walks = new ArrayList<>();
        precomputeWalks(ids, owner);
    }

    /**
     * The walk at point i is its owner, then the walk at point i + 1 without that owner. Going backwards twice around
     * the ring (the first lap only to learn the order of every destination) gives every walk in O(points x n).
     */
    private void precomputeWalks(List<Integer> ids, int[] owner) {
        int count = points.length;
        int[] walk = new int[ids.size()];
        int length = 0;
        Map<List<Integer>, Integer> interned = new HashMap<>();
        for (int step = 2 * count - 1; step >= 0; step--) {
            int i = step % count;
            int d = owner[i];
            int at = 0;
            while (at < length && walk[at] != d) {
                at++;
            }
            if (at == length) {
                length++;
            }
            System.arraycopy(walk, 0, walk, 1, at); // d to the front, the rest in order
            walk[0] = d;
            if (step < count) {
                List<Integer> w = new ArrayList<>(length);
                for (int k = 0; k < length; k++) {
                    w.add(ids.get(walk[k]));
                }
                Integer index = interned.get(w);
                if (index == null) {
                    index = walks.size();
                    walks.add(List.copyOf(w));
                    interned.put(w, index);
                }
                walkAt[i] = index;
            }
        }
    }

    /** The destinations for a key's hash: its owner, then the others in the order the ring reaches them. */
    List<Integer> walk(long hash) {
        int i = Arrays.binarySearch(points, hash);
        if (i < 0) {
            i = -i - 1;
            if (i == points.length) {
                i = 0; // past the last point: the ring wraps to the first
            }
        }
        return walks.get(walkAt[i]);
    }

    /** The fraction of the ring each destination owns, by id in route order: what its keys should come to. */
    Map<Integer, Double> shares() {
        Map<Integer, Double> shares = new LinkedHashMap<>();
        double ring = Math.pow(2, 64);
        for (int i = 0; i < points.length; i++) {
            // point i owns the arc after the previous point up to itself; the subtraction wraps as the ring does
            long previous = points[i == 0 ? points.length - 1 : i - 1];
            double arc = points.length == 1 ? 1 : unsigned(points[i] - previous) / ring;
            shares.merge(walks.get(walkAt[i]).get(0), arc, Double::sum);
        }
        return shares;
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    /** Points on the ring (for tests). */
    int size() {
        return points.length;
    }

    /** Distinct walks (for tests: memory stays small). */
    int distinctWalks() {
        return walks.size();
    }
}
