package dev.radsec.benchmarks;

import com.sun.management.ThreadMXBean;
import java.lang.management.MemoryMXBean;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/** A relay that {@link RelayLoad} sends load to: its NAS-side UDP port and the process that does the work. */
interface RelayUnderTest extends AutoCloseable {
    /** The name in the result tables. */
    String name();

    /** The RADIUS/UDP authentication port on 127.0.0.1. */
    int port();

    /** The process whose CPU time is the relay's. */
    long pid();

    boolean isAlive();

    /** The thread bean of the relay's JVM, to read its allocation; empty when it is no JVM. */
    default Optional<ThreadMXBean> threads() {
        return Optional.empty();
    }

    /** The memory bean of the relay's JVM, for its heap after a collection; empty when it is no JVM. */
    default Optional<MemoryMXBean> memory() {
        return Optional.empty();
    }

    @Override
    default void close() throws Exception {
    }

    /**
     * Whether {@code relayload.only} ({@code only}: empty, or names separated by commas) selects the relay
     * {@code name}: a name selects the relay of that name, or of that name and a version ({@code radsecproxy} selects
     * {@code radsecproxy 1.9.2}), so {@code radsec-karaf} does not select {@code radsec-karaf (before)}.
     */
    static boolean selected(String name, String only) {
        if (only.isBlank()) {
            return true;
        }
        for (String wanted : only.split(",")) {
            String w = wanted.strip();
            if (name.equals(w) || name.matches(Pattern.quote(w) + " \\d.*")) {
                return true;
            }
        }
        return false;
    }

    /** A relay in a process someone else starts and stops, such as radsecproxy. */
    static RelayUnderTest external(String name, int port, LongSupplier pid, BooleanSupplier alive) {
        return new External(name, port, pid, alive);
    }

    /** {@link #external}: the relay's name and port, and where its process id and liveness are read. */
    record External(String name, int port, LongSupplier pidOf, BooleanSupplier aliveness) implements RelayUnderTest {
        @Override
        public long pid() {
            return pidOf.getAsLong();
        }

        @Override
        public boolean isAlive() {
            return aliveness.getAsBoolean();
        }

        @Override
        public String toString() {
            return name + " (pid " + pid() + ") on 127.0.0.1:" + port;
        }
    }
}
