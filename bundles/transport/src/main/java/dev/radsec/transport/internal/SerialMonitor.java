package dev.radsec.transport.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one monitor a {@link DestinationClient} and its parts change state under. Link I/O (writes, closes) and
 * request completions queued while it is held run after it is released: links take their own locks (MINA's TLS
 * handler) and call back in, so I/O under the monitor would deadlock, and a user's callback may block or send more.
 */
final class SerialMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialMonitor.class);

    private final Executor io;
    private final String owner;
    /** Link writes and closes, deferred until the monitor is released. */
    private final List<Runnable> deferredIo = new ArrayList<>();
    /** Completions and routing, deferred until the monitor is released: always on the I/O executor. */
    private final List<Runnable> deferred = new ArrayList<>();
    private int depth;

    /**
     * @param io    runs completions, and the I/O a link callback queued: never the thread that called in
     * @param owner names the destination in logs
     */
    SerialMonitor(Executor io, String owner) {
        this.io = io;
        this.owner = owner;
    }

    /** Queues link I/O: it runs once the monitor is released. */
    void io(Runnable action) {
        deferredIo.add(action);
    }

    /** Queues a completion: it runs on the I/O executor once the monitor is released. */
    void later(Runnable action) {
        deferred.add(action);
    }

    /**
     * Runs {@code action} under the monitor; then, with it released, does the link I/O it queued on this thread and
     * hands the completions it queued to the I/O executor.
     */
    void run(Runnable action) {
        run(action, false);
    }

    /**
     * {@link #run(Runnable)} for a link's own callbacks: a link calls in from its I/O thread while holding its TLS
     * handler's lock, so its I/O goes to the executor too. Writing to another link from here would wait for that
     * link's lock while its I/O thread, in its own callback, waits for ours.
     */
    void fromLink(Runnable action) {
        run(action, true);
    }

    <T> T call(Supplier<T> action) {
        Object[] result = new Object[1];
        run(() -> {
            result[0] = action.get();
        });
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    private void run(Runnable action, boolean onLinkThread) {
        List<Runnable> ioWork = null;
        List<Runnable> completions = null;
        synchronized (this) {
            depth++;
            try {
                action.run();
            } finally {
                depth--;
                if (depth == 0) {
                    if (!deferredIo.isEmpty()) {
                        ioWork = new ArrayList<>(deferredIo);
                        deferredIo.clear();
                    }
                    if (!deferred.isEmpty()) {
                        completions = new ArrayList<>(deferred);
                        deferred.clear();
                    }
                }
            }
        }
        if (ioWork != null && onLinkThread) {
            if (completions != null) {
                ioWork.addAll(completions);
            }
            completions = ioWork;
        } else if (ioWork != null) {
            runAll(ioWork);
        }
        if (completions != null) {
            List<Runnable> work = completions;
            io.execute(() -> runAll(work));
        }
    }

    private void runAll(List<Runnable> actions) {
        for (Runnable r : actions) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: deferred action failed", owner, e);
            }
        }
    }
}
