package dev.radsec.management.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a component's MBeans in step with the configurations and services they show. Components apply a ConfigAdmin
 * change asynchronously, after its event, so a change is looked at again over the next seconds
 * ({@link #soon()}); a slow periodic look is the safety net. Nothing runs every few seconds on a quiet system: a
 * relay's CPU per request at a moderate rate counts this too. Looks run one at a time on a thread of their own, so a
 * later one always has the last word; one that fails is logged, and the next one tries again.
 */
final class MBeanResync {
    private static final Logger LOG = LoggerFactory.getLogger(MBeanResync.class);
    /** The safety net's period. */
    static final long PERIOD_SECONDS = 60;

    private final String what;
    private final String threadName;
    private final long[] afterChangeSeconds;
    private final Runnable sync;
    private volatile ScheduledExecutorService executor;

    /**
     * @param what               what is kept in step, for the log: "the rewrite MBeans"
     * @param afterChangeSeconds when to look again after a change
     * @param sync               one look: registers what exists now and unregisters what is gone
     */
    MBeanResync(String what, String threadName, long[] afterChangeSeconds, Runnable sync) {
        this.what = what;
        this.threadName = threadName;
        this.afterChangeSeconds = afterChangeSeconds.clone();
        this.sync = sync;
    }

    /** Looks now, over the next seconds (components starting beside this one apply theirs), and periodically. */
    void start() {
        ScheduledExecutorService e = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor = e;
        soon();
        e.scheduleWithFixedDelay(this::look, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** Something changed: looks at once and again over the next seconds. Nothing before {@link #start()} or after {@link #stop()}. */
    void soon() {
        ScheduledExecutorService e = executor;
        if (e == null) {
            return; // not started yet: start looks
        }
        try {
            for (long delay : afterChangeSeconds) {
                e.schedule(this::look, delay, TimeUnit.SECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            // stopped meanwhile
        }
    }

    void stop() {
        ScheduledExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }

    private void look() {
        try {
            sync.run();
        } catch (RuntimeException e) {
            LOG.warn("Resyncing {} failed; next try in {} s", what, PERIOD_SECONDS, e);
        }
    }
}
