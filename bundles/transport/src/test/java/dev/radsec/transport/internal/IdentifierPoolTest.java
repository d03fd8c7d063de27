package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 256 Identifiers of one connection: in use, free, or resting after an unanswered request. */
class IdentifierPoolTest {
    private static final Duration REUSE = Duration.ofSeconds(120);
    private final IdentifierPool pool = new IdentifierPool(REUSE);
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    private void takeAll() {
        for (int i = 0; i < 256; i++) {
            pool.acquire(now);
        }
    }

    @Test
    void all256AreHandedOutOnceEachThenNoneIsLeft() {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 256; i++) {
            int id = pool.acquire(now);
            assertEquals(true, id >= 0 && id <= 255, "id " + id);
            ids.add(id);
        }
        assertEquals(256, ids.size());
        assertEquals(256, pool.inUse());
        assertEquals(-1, pool.acquire(now));
    }

    @Test
    void anAnsweredIdentifierIsFreeAtOnce() {
        takeAll();
        pool.release(42);
        assertEquals(255, pool.inUse());
        assertEquals(42, pool.acquire(now));
    }

    @Test
    void anUnansweredIdentifierRestsForTheReuseDelay() {
        takeAll();
        pool.rest(42, now);
        assertEquals(255, pool.inUse(), "resting is not in use");
        assertEquals(-1, pool.acquire(now.plus(REUSE).minusMillis(1)), "a late answer could still come");
        assertEquals(42, pool.acquire(now.plus(REUSE)));
    }

    @Test
    void allocationRotatesInsteadOfReusingTheLastIdentifier() {
        int first = pool.acquire(now);
        pool.release(first);
        int second = pool.acquire(now);
        assertNotEquals(first, second);
        assertEquals((first + 1) & 0xFF, second);
    }

    @Test
    void allocationWrapsAroundAfter255() {
        for (int i = 0; i < 255; i++) {
            pool.release(pool.acquire(now));
        }
        assertEquals(255, pool.acquire(now));
        assertEquals(0, pool.acquire(now));
    }

    @Test
    void endingAnIdentifierTwiceCountsOnce() {
        int id = pool.acquire(now);
        pool.acquire(now);
        pool.release(id);
        pool.release(id);
        pool.rest(id, now);
        assertEquals(1, pool.inUse());
    }
}
