package dev.radsec.benchmarks;

import com.sun.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes every live thread of a JVM has allocated so far, read at one moment through its
 * {@link ThreadMXBean} (this JVM's, or a remote JVM's proxy over JMX).
 *
 * The difference of two readings counts, per thread id, what it allocated in between; a thread born in between
 * counts with all it allocated. Threads that died in between are not counted at all: the JVM forgets their
 * figures, so the difference is a lower bound for the whole process.
 */
final class ThreadAllocation {
    private final Map<Long, Long> bytesByThread;

    private ThreadAllocation(Map<Long, Long> bytesByThread) {
        this.bytesByThread = bytesByThread;
    }

    /** Reads every live thread's allocated bytes (two calls, so on a remote JVM two round trips). */
    static ThreadAllocation read(ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) { // -1: the thread ended between the two calls, or measuring is off
                byThread.put(ids[i], bytes[i]);
            }
        }
        return new ThreadAllocation(byThread);
    }

    /** Bytes allocated from {@code before} to this reading by the threads alive now. */
    long since(ThreadAllocation before) {
        long total = 0;
        for (Map.Entry<Long, Long> e : bytesByThread.entrySet()) {
            total += e.getValue() - before.bytesByThread.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }
}
