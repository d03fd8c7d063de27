package dev.radsec.transport.interop;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting for interop tests, and the evidence to attach when a wait runs out. */
final class Waits {
    /** Runs calls into the client that might block (statistics, send, close), so that waiting for them is bounded. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bounded-call");
        t.setDaemon(true);
        return t;
    });

    private Waits() {
    }

    /**
     * {@code call}'s result, failing after {@code patience} with {@code what} and any Java-level deadlock: the
     * client's statistics and send take the destination's lock, and a deadlocked client would hang the test.
     */
    static <T> T within(Duration patience, String what, Callable<T> call) throws Exception {
        Future<T> f = CALLS.submit(call);
        try {
            return f.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(what + " did not return within " + patience.toMillis() + " ms" + deadlocks());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }

    /** A test body that may throw. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body}, then {@link #close(Peer) closes} {@code peer}; a failure to close is added to the body's
     * failure rather than replacing it.
     */
    static void closing(Peer peer, Body body) throws Exception {
        Throwable failure = null;
        try {
            body.run();
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            try {
                close(peer);
            } catch (Exception | Error e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Closes {@code peer} within 10 s; should its client hang, stops the server anyway and fails with the
     * deadlock, so that no test run leaves a FreeRADIUS behind.
     */
    static void close(Peer peer) throws Exception {
        if (peer == null) {
            return;
        }
        try {
            within(Duration.ofSeconds(10), "closing the client", () -> {
                peer.close();
                return null;
            });
        } finally {
            peer.server.close();
        }
    }

    /**
     * Polls {@code condition} every 5 ms until it holds; fails after {@code patience} with {@code what} and any
     * Java-level deadlock. The polling only observes: nothing waits on a fixed delay for something to happen. The
     * condition and the message are evaluated with bounded waits too (they usually read statistics).
     */
    static void until(BooleanSupplier condition, Duration patience, Supplier<String> what) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long left = Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100));
            Boolean holds;
            try {
                holds = within(Duration.ofNanos(left), "the condition", condition::getAsBoolean);
            } catch (AssertionError blocked) {
                throw new AssertionError("not within " + patience.toMillis() + " ms: " + describe(what) + "; "
                        + blocked.getMessage());
            }
            if (holds) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + patience.toMillis() + " ms: " + describe(what) + deadlocks());
            }
            Thread.sleep(5);
        }
    }

    /** {@code what}, or why it could not be told within 2 s. */
    static String describe(Supplier<String> what) {
        try {
            return within(Duration.ofSeconds(2), "describing", what::get);
        } catch (Exception | AssertionError e) {
            return "(no description: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    /**
     * The JVM's deadlocked threads with their full stacks and locks, or an empty string. Surefire runs test classes
     * in one JVM: threads deadlocked by an earlier class are reported too.
     */
    static String deadlocks() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = mx.findDeadlockedThreads();
        if (ids == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n==== DEADLOCK ====\n");
        for (ThreadInfo t : mx.getThreadInfo(ids, true, true)) {
            b.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState())
                    .append(" waiting for ").append(t.getLockName()).append(" held by \"")
                    .append(t.getLockOwnerName()).append("\"\n");
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < stack.length && i < 25; i++) {
                b.append("\tat ").append(stack[i]).append('\n');
                for (var m : t.getLockedMonitors()) {
                    if (m.getLockedStackDepth() == i) {
                        b.append("\t- locked ").append(m).append('\n');
                    }
                }
            }
        }
        return b.toString();
    }
}
