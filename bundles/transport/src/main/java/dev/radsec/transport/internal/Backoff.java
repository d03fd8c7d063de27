package dev.radsec.transport.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a destination waits: before reconnecting (exponential backoff with full jitter between {@link #MIN}
 * and {@link #MAX}, forever) and before retransmitting over UDP (RFC 5080 section 2.2.1). The random source is
 * injected, so a test can pin the jitter. Not thread-safe: used under the destination's monitor.
 */
final class Backoff {
    static final Duration MIN = Duration.ofMillis(500);
    static final Duration MAX = Duration.ofSeconds(60);
    /** RFC 5080 section 2.2.1: maximum retransmission time. */
    static final Duration MAX_RETRANSMIT = Duration.ofSeconds(16);

    private final RandomGenerator random;
    private Duration ceiling = MIN;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** The wait before the next connection attempt; each one doubles the ceiling up to {@link #MAX}. */
    Duration nextReconnect() {
        long span = Math.max(1, ceiling.toMillis() - MIN.toMillis() + 1);
        Duration delay = MIN.plusMillis(random.nextLong(span));
        ceiling = ceiling.multipliedBy(2).compareTo(MAX) > 0 ? MAX : ceiling.multipliedBy(2);
        return delay;
    }

    /**
     * A wait of at most {@code cap} for a destination that requests want: between half of it and all of it, so that
     * many destinations capped alike do not reconnect in step. The ceiling of {@link #nextReconnect} is untouched.
     */
    Duration withinCap(Duration cap) {
        long half = cap.toMillis() / 2;
        return Duration.ofMillis(half + random.nextLong(cap.toMillis() - half + 1));
    }

    /** The server answered: the next outage starts from {@link #MIN} again. */
    void reset() {
        ceiling = MIN;
    }

    /** RT = 2 * RTprev + RAND * RTprev, RAND in -0.1..0.1, capped by MRT. */
    Duration nextRetransmit(Duration previous) {
        long rt = previous.toMillis();
        double rand = random.nextDouble(-0.1, 0.1);
        return Duration.ofMillis(Math.min((long) (2 * rt + rand * rt), MAX_RETRANSMIT.toMillis()));
    }
}
