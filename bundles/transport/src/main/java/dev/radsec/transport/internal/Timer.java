package dev.radsec.transport.internal;

import java.time.Clock;
import java.time.Duration;

/** Timers measured on a clock. Tests substitute one whose clock they move, so timeouts need no sleeping. */
public interface Timer {
    Clock clock();

    /** Runs {@code task} once {@code delay} has passed on {@link #clock()}, on the timer's thread. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
