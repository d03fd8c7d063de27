package dev.radsec.transport.internal;

import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.QueueFullException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The requests of a destination waiting for a link and an Identifier, bounded by {@code max-tx-buffers}. A waiting
 * request counts its wait against its {@code timeout}; one that could not even be sent in time never reached the
 * server, so it ends as unavailable (a failover list moves on), not as a timeout. Runs under the destination's
 * monitor.
 */
final class RequestQueue {
    private final Deque<Exchange> waiting = new ArrayDeque<>();
    private final Counters counters;

    RequestQueue(Counters counters) {
        this.counters = counters;
    }

    /** Queues {@code x}, or fails it at once with {@link QueueFullException} when {@code max-tx-buffers} are taken. */
    boolean offer(Exchange x, DestinationSettings s) {
        if (waiting.size() >= s.maxTxBuffers) {
            counters.queueFull.increment();
            x.fail(new QueueFullException(s.id, "destination " + s.id + " already has " + s.maxTxBuffers
                    + " requests waiting (max-tx-buffers)"));
            return false;
        }
        waiting.add(x);
        return true;
    }

    /** Its wait ran out before it could be sent. */
    void expire(Exchange x, DestinationSettings s, boolean connected) {
        if (waiting.remove(x)) {
            x.fail(new DestinationUnavailableException(s.id, "destination " + s.id + " could not send the request within "
                    + s.timeoutText() + " (" + (connected ? "every Identifier in use" : "not connected") + ")"));
        }
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    /** The next request to send; its queue deadline is called off. */
    Exchange poll() {
        Exchange x = waiting.poll();
        x.deadline.cancel();
        return x;
    }

    /** Fails every waiting request as unavailable ("destination 2 {@code why}"); returns how many were users'. */
    long failAll(int destination, String why) {
        long users = waiting.stream().filter(x -> !x.internal).count();
        for (Exchange x : waiting) {
            x.deadline.cancel();
            x.fail(new DestinationUnavailableException(destination, "destination " + destination + " " + why));
        }
        waiting.clear();
        return users;
    }

    /** Takes every waiting request out, for another destination to send. */
    List<Exchange> drain() {
        List<Exchange> all = new ArrayList<>(waiting);
        all.forEach(x -> x.deadline.cancel());
        waiting.clear();
        return all;
    }
}
