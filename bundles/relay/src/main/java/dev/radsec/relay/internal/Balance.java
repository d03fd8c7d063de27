package dev.radsec.relay.internal;

import java.util.Locale;

/** A relay's {@code balance}: how the destinations of a route are ordered for each request. */
enum Balance {
    /** The route as configured: the first destination that is up takes everything. */
    FAILOVER,
    /** Rotate over the destinations that are up, in proportion to their weights. */
    ROUND_ROBIN,
    /** A consistent hash of the request's key picks the destination, so one conversation stays on one server. */
    KEYED;

    /** {@code failover}, {@code round-robin} or {@code keyed}, case ignored. */
    static Balance parse(String text) {
        for (Balance b : values()) {
            if (b.toString().equalsIgnoreCase(text.trim())) {
                return b;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not failover, round-robin or keyed");
    }

    /** The word of the {@code balance} key. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
