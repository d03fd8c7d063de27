package dev.radsec.relay.internal;

import dev.radsec.transport.DestinationStateListener;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which destinations are down, as their clients report it: DOWN (connect failed, Status-Server or answers
 * missing) or DISABLED; CONNECTING, UP and IDLE take requests. Kept as one bit per destination id, so that
 * balancing reads it per request for the price of an array read. Fed by the transport's state events (a
 * {@link DestinationStateListener}) and seeded from {@link RadiusClient#statistics} when a relay starts, since
 * events tell only of later changes.
 */
final class DestinationStates implements DestinationStateListener {
    /** One bit per id 0-65535. */
    private final AtomicLongArray down = new AtomicLongArray(65536 / 64);

    /** Whether {@code id} takes requests, as far as its last report says. */
    boolean up(int id) {
        return (down.get(id >>> 6) & (1L << id)) == 0;
    }

    @Override
    public void stateChanged(int destinationId, DestinationStatistics.State previous,
                             DestinationStatistics.State current, String reason) {
        set(destinationId, isDown(current));
    }

    /**
     * The current states of {@code ids}; one the client does not know (not configured yet) counts as down until it
     * reports.
     */
    void seed(RadiusClient client, Collection<Integer> ids) {
        for (int id : ids) {
            Optional<DestinationStatistics> s = client.statistics(id);
            set(id, s.isEmpty() || isDown(s.get().state()));
        }
    }

    private static boolean isDown(DestinationStatistics.State state) {
        return state == DestinationStatistics.State.DOWN || state == DestinationStatistics.State.DISABLED;
    }

    void set(int id, boolean isDown) {
        if (id < 0 || id > 65535) {
            return;
        }
        int word = id >>> 6;
        long bit = 1L << id;
        long old;
        long next;
        do {
            old = down.get(word);
            next = isDown ? old | bit : old & ~bit;
        } while (old != next && !down.compareAndSet(word, old, next));
    }
}
