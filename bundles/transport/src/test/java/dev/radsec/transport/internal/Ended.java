package dev.radsec.transport.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** How a request ended, in tests driven by {@link FakeLinks} and the manual clock, where ending is never awaited. */
final class Ended {
    private Ended() {
    }

    /** Why {@code request} failed; an assertion error if it was answered or has not ended. */
    static Throwable failure(CompletableFuture<?> request) {
        if (!request.isDone()) {
            throw new AssertionError("not ended");
        }
        try {
            throw new AssertionError("answered: " + request.get());
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e); // done: get() does not wait
        }
    }
}
