package dev.radsec.transport.internal;

import dev.radsec.transport.ListenerStateListener;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** The {@link ListenerStateListener} services of the whiteboard, told as one, in order, off the caller's thread. */
final class ListenerStateListeners implements ListenerStateListener {
    private final CopyOnWriteArrayList<ListenerStateListener> listeners = new CopyOnWriteArrayList<>();
    private final OrderedDelivery delivery;

    ListenerStateListeners(Supplier<Executor> executor) {
        this.delivery = new OrderedDelivery(executor);
    }

    void add(ListenerStateListener listener) {
        listeners.add(listener);
    }

    void remove(ListenerStateListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void stateChanged(String listenerName, State state, String detail) {
        delivery.submit(() -> OrderedDelivery.tellEach(listeners, l -> l.stateChanged(listenerName, state, detail)));
    }
}
