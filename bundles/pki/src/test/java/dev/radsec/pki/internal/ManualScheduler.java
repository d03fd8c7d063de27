package dev.radsec.pki.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link Scheduler} whose time moves only when a test says so; tasks run on the test's thread. */
final class ManualScheduler implements Scheduler {
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
            cancelled = true;
        }
    }

    ManualScheduler(Instant start) {
        this.now = start;
    }

    Instant now() {
        return now;
    }

    @Override
    public Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), task);
        tasks.add(t);
        return t;
    }

    /** Moves time forward, running every task that falls due, in due order. */
    void advance(Duration d) {
        Instant end = now.plus(d);
        while (true) {
            Task next = tasks.stream().filter(t -> !t.cancelled && !t.due.isAfter(end))
                    .min(Comparator.<Task, Instant>comparing(t -> t.due).thenComparingLong(t -> t.order)).orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            now = next.due;
            next.runnable.run();
        }
        tasks.removeIf(t -> t.cancelled);
        now = end;
    }

    /** How many live tasks are scheduled: lets a test see that nothing spins. */
    long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
