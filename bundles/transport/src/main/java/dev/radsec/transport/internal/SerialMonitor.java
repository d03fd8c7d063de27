package dev.radsec.transport.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one monitor a {@link DestinationClient} and its parts change state under. Link I/O (writes, closes) and
 * request completions queued while it is held run after it is released: a link's write may call back in, and a
 * user's callback may send more, both of which would otherwise run half-way through a state change.
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
     * {@link #run(Runnable)} for a link's own callbacks: the link I/O and the completions run right here, on the I/O
     * thread that read the answer, with the monitor released. No hand-off: links hold no lock while calling up
     * ({@code TlsFilter} calls up outside its write lock), and completing here lets a relay write its answer to the
     * NAS from this thread. Stages a user attaches without an executor run here too, as in MINA and Netty; blocking
     * work belongs on the caller's own executor ({@code thenApplyAsync}).
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
        if (ioWork != null) {
            runAll(ioWork);
        }
        if (completions != null && onLinkThread) {
            runAll(completions);
        } else if (completions != null) {
            // a caller's or the timer's thread: a user's stage must not run inside send(), nor hold up the timer
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
