package dev.radsec.transport.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reports to whiteboard listeners one after the other, in the order they were queued, on a shared executor:
 * the caller (often holding a destination's monitor) only queues, and no listener runs under a transport lock.
 */
final class OrderedDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OrderedDelivery.class);

    private final Supplier<Executor> executor;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    /** True while a drain is scheduled or running: at most one at a time keeps the order. */
    private boolean draining;

    /** @param executor where reports run; asked at each hand-off, as a component's is set after construction */
    OrderedDelivery(Supplier<Executor> executor) {
        this.executor = executor;
    }

    /** Tells every listener, one after the other; one that throws is logged and the others are still told. */
    static <L> void tellEach(Iterable<L> listeners, java.util.function.Consumer<L> call) {
        for (L l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("State listener {} failed", l, e);
            }
        }
    }

    void submit(Runnable report) {
        synchronized (this) {
            queue.add(report);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.get().execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) { // the transport is stopping: nobody is left to tell
                queue.clear();
                draining = false;
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }
}
