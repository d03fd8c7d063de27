package dev.radsec.pki.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * Where the PKI's work runs: one thread, in submission order, with delayed tasks measured on {@link #clock()}.
 * Tests substitute a scheduler whose clock they move, so retries and expiry are tested without sleeping.
 */
public interface Scheduler {
    Clock clock();

    /** Runs {@code task} soon, after work already submitted. */
    void execute(Runnable task);

    /** Runs {@code task} once {@code delay} has passed on {@link #clock()}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
