package dev.radsec.transport.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production {@link Timer}: one daemon thread, the system clock. */
public final class ExecutorTimer implements Timer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorTimer.class);

    private final Clock clock;
    private final ScheduledExecutorService executor;

    public ExecutorTimer(Clock clock, String threadName) {
        this.clock = clock;
        ScheduledThreadPoolExecutor e = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // Every request has a timeout that is cancelled when it is answered: do not keep them queued.
        e.setRemoveOnCancelPolicy(true);
        this.executor = e;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException ex) {
                LOG.error("transport timer task failed", ex);
            }
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
