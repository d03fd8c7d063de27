package dev.radsec.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} whose time moves only when a test says so ({@link #advance}); due tasks run on the test's
 * thread, in due order, and {@link #execute} runs at once. Thread-safe, so production threads (I/O, a file
 * watcher) may schedule while the test moves time.
 */
public final class ManualScheduler implements Scheduler {
    private Instant now;
    private long sequence;
    private final List<Task> tasks = new ArrayList<>();

    private final class Task implements Cancellable {
        final Instant due;
        final long order = sequence++;
        final Runnable runnable;
        boolean cancelled;

        Task(Instant due, Runnable runnable) {
            this.due = due;
            this.runnable = runnable;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
            }
        }
    }

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    public synchronized Instant now() {
        return now;
    }

    @Override
    public Clock clock() {
        return new SuppliedClock(this::now);
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), task);
        tasks.add(t);
        notifyAll();
        return t;
    }

    /** Tasks scheduled and neither run nor called off. */
    public synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }

    /**
     * Waits, in real time, until a task is scheduled and neither run nor cancelled: how a test sees that another
     * thread (a file watcher) armed a timer.
     */
    public synchronized void awaitPending(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (tasks.stream().allMatch(t -> t.cancelled)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("nothing was scheduled within " + max);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Moves time forward, running every task that falls due, in due order. */
    public void advance(Duration d) {
        Instant end;
        synchronized (this) {
            end = now.plus(d);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.cancelled && !t.due.isAfter(end))
                        .min(Comparator.<Task, Instant>comparing(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    now = end;
                    tasks.removeIf(t -> t.cancelled);
                    return;
                }
                tasks.remove(next);
                now = next.due;
            }
            next.runnable.run();
        }
    }
}
