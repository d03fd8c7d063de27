package dev.radsec.transport.internal;

import java.time.Instant;

/**
 * The 256 Identifiers of one connection. An Identifier whose request ended without an answer (timed out, so the
 * server may still answer it) rests for {@code reuseDelay} before it is used again, so a late answer is never
 * taken for a new request's (Junos {@code id-reuse-timeout}). An answered Identifier is free at once: no second
 * answer can follow. Allocation rotates, so Identifiers are spread. Not thread-safe: the owner synchronizes.
 */
final class IdentifierPool {
    private static final int SIZE = 256;

    /** When each Identifier may be used again; {@link Instant#MAX} while in use. */
    private final Instant[] freeAt = new Instant[SIZE];
    private final java.time.Duration reuseDelay;
    private int next;
    private int inUse;

    IdentifierPool(java.time.Duration reuseDelay) {
        this.reuseDelay = reuseDelay;
        java.util.Arrays.fill(freeAt, Instant.MIN);
    }

    /** @return a free Identifier, or -1 when all 256 are in use or cooling down */
    int acquire(Instant now) {
        for (int i = 0; i < SIZE; i++) {
            int id = (next + i) & 0xFF;
            if (!freeAt[id].isAfter(now)) {
                freeAt[id] = Instant.MAX;
                next = (id + 1) & 0xFF;
                inUse++;
                return id;
            }
        }
        return -1;
    }

    /** The request using {@code id} was answered: the Identifier is free. */
    void release(int id) {
        if (freeAt[id] == Instant.MAX) {
            inUse--;
        }
        freeAt[id] = Instant.MIN;
    }

    /** The request using {@code id} ended unanswered at {@code now}: the Identifier rests for the reuse delay. */
    void rest(int id, Instant now) {
        if (freeAt[id] == Instant.MAX) {
            inUse--;
        }
        freeAt[id] = now.plus(reuseDelay);
    }

    int inUse() {
        return inUse;
    }
}
