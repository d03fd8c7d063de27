package dev.radsec.transport.internal;

import dev.radsec.transport.DestinationStateListener;
import dev.radsec.transport.DestinationStatistics.State;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The {@link DestinationStateListener} services of the whiteboard, told as one. Each destination reports its own
 * changes; this keeps the state last reported per id, so that the client that replaces a reconfigured destination
 * (starting at CONNECTING) reports only what differs from what listeners last heard.
 */
final class DestinationStateListeners implements DestinationStateListener {
    private final CopyOnWriteArrayList<DestinationStateListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Integer, State> reported = new HashMap<>();
    private final OrderedDelivery delivery;

    DestinationStateListeners(Supplier<Executor> executor) {
        this.delivery = new OrderedDelivery(executor);
    }

    void add(DestinationStateListener listener) {
        listeners.add(listener);
    }

    void remove(DestinationStateListener listener) {
        listeners.remove(listener);
    }

    /** The destination was removed: a new one of the same id starts afresh. */
    synchronized void forget(int destinationId) {
        reported.remove(destinationId);
    }

    /** Called by a destination under its monitor: only queues. */
    @Override
    public synchronized void stateChanged(int destinationId, State previous, State current, String reason) {
        State last = reported.getOrDefault(destinationId, previous);
        if (last == current) {
            return;
        }
        reported.put(destinationId, current);
        delivery.submit(() -> OrderedDelivery.tellEach(listeners,
                l -> l.stateChanged(destinationId, last, current, reason)));
    }
}
