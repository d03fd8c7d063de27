package dev.radsec.benchmarks;

import com.sun.management.ThreadMXBean;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

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

    @Override
    default void close() throws Exception {
    }

    /** A relay in a process someone else starts and stops, such as radsecproxy. */
    static RelayUnderTest external(String name, int port, LongSupplier pid, BooleanSupplier alive) {
        return new RelayUnderTest() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public long pid() {
                return pid.getAsLong();
            }

            @Override
            public boolean isAlive() {
                return alive.getAsBoolean();
            }
        };
    }
}
