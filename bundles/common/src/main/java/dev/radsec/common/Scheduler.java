package dev.radsec.common;

import java.time.Clock;
import java.time.Duration;

/**
 * Where a bundle's background work and timers run, measured on {@link #clock()}. Code that waits takes a
 * scheduler, so a test substitutes one whose time it moves (the test-jar's {@code ManualScheduler}) and tests
 * timeouts, retries and expiry without sleeping.
 */
public interface Scheduler {
    Clock clock();

    /** Runs {@code task} soon, after work already submitted. */
    void execute(Runnable task);

    /** Runs {@code task} once {@code delay} has passed on {@link #clock()}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be called off; calling off one that ran or was called off does nothing. */
    interface Cancellable {
        /** Nothing to call off: for a deadline not (or no longer) set, instead of null. */
        Cancellable NONE = () -> { };

        void cancel();
    }
}
