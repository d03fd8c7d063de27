package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The spool's compact index and key table do what a TreeMap and a HashMap would: random additions, removals in any
 * order and lookups, checked against them step by step.
 */
class SpoolIndexTest {

    @Test
    void theIndexKeepsWaitingRequestsInOrderWhateverOrderTheyAreDoneIn() {
        Random random = new Random(19);
        SpoolIndex index = new SpoolIndex();
        TreeMap<Long, Integer> reference = new TreeMap<>();
        long seq = 0;
        for (int step = 0; step < 100_000; step++) {
            if (reference.isEmpty() || random.nextInt(100) < 52) {
                seq += 1 + random.nextInt(3); // gaps, as after a restart
                int length = 20 + random.nextInt(200);
                index.add(seq, (int) (seq / 50) + 1, (int) (seq * 7), length, seq * 31);
                reference.put(seq, length);
            } else {
                // mostly near the oldest (a window of answers), sometimes anywhere
                long done;
                if (random.nextInt(10) == 0) {
                    long first = reference.firstKey();
                    done = reference.ceilingKey(first + (long) (random.nextDouble() * (reference.lastKey() - first)));
                } else {
                    java.util.Iterator<Long> it = reference.keySet().iterator();
                    done = it.next();
                    for (int skip = random.nextInt(32); skip > 0 && it.hasNext(); skip--) {
                        done = it.next();
                    }
                }
                assertEquals(true, index.done(done));
                assertEquals(false, index.done(done), "done twice");
                reference.remove(done);
            }
            if (step % 997 == 0) {
                List<Long> walked = new ArrayList<>();
                for (long s = index.next(0); s >= 0; s = index.next(s)) {
                    walked.add(s);
                    assertEquals(reference.get(s), index.length(s));
                    assertEquals(s * 31, index.keyHash(s));
                    assertEquals((int) (s * 7), index.offset(s));
                }
                assertEquals(new ArrayList<>(reference.keySet()), walked, "step " + step);
            }
            assertEquals(reference.size(), index.size());
        }
    }

    @Test
    void theKeyTableFindsWhatWasPutUntilItIsRemovedAlsoWhenHashesCollide() {
        Random random = new Random(5);
        KeyTable table = new KeyTable();
        Map<Long, Long> reference = new HashMap<>();
        List<Long> hashes = new ArrayList<>();
        for (int step = 0; step < 300_000; step++) {
            int op = random.nextInt(10);
            if (op < 5 || hashes.isEmpty()) {
                // a small range of hashes, so that slots are shared and probing and backward shifts are exercised
                long hash = 1 + random.nextInt(50_000);
                long seq = step;
                table.put(hash, seq);
                reference.put(hash, seq);
                hashes.add(hash);
            } else if (op < 8) {
                long hash = hashes.get(random.nextInt(hashes.size()));
                Long seq = reference.get(hash);
                long asked = seq != null && random.nextBoolean() ? seq : step; // the wrong seq removes nothing
                table.remove(hash, asked);
                if (seq != null && seq == asked) {
                    reference.remove(hash);
                }
            } else {
                long hash = 1 + random.nextInt(50_000);
                assertEquals(reference.getOrDefault(hash, -1L), table.get(hash), "step " + step);
            }
            assertEquals(reference.size(), table.size());
        }
        for (Map.Entry<Long, Long> e : reference.entrySet()) {
            assertEquals(e.getValue(), table.get(e.getKey()));
        }
        assertEquals(-1, table.get(0), "0 is no hash");
        assertEquals(0, KeyTable.hash(null));
    }
}
