package dev.radsec.benchmarks;

import dev.radsec.codec.interop.FreeRadiusProcess;
import java.lang.management.MemoryMXBean;
import com.sun.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * A long run at a fixed load ({@code -Drelayload.soak=<minutes>}): one load generator per minute against one relay,
 * and after each minute the relay's heap after a full collection and its live thread count, read over remote JMX;
 * for a relay that is no JVM (radsecproxy), its resident memory and threads from {@code /proc/<pid>/status}.
 * What it shows is whether anything grows with the number of requests relayed: a leak in a cache, a timer or a
 * connection shows as a heap that climbs minute after minute, a leaked thread as a climbing count.
 *
 * The verdict compares the last five minutes with the first five after warm-up (minutes 2-6): the heap after GC
 * varies with what is in flight when it is read, so "flat" is "the median of the last five within 10 % or 4 MB of
 * the median of minutes 2-6". Karaf's JVM starts a short-lived thread every few minutes, so the thread count has
 * grown only when the lowest count of the last five minutes is above the highest of minutes 2-6.
 */
final class Soak {
    private static final long HEAP_SLACK = 4L << 20;

    private Soak() {
    }

    /** A minute's figures. */
    private record Minute(int minute, double answeredPerSecond, long lost, double p99, double cpuPerRequest,
            long heapAfterGc, int threads) {
    }

    /** Runs {@code minutes} minutes of {@code load} against {@code relay}; false when heap or threads grew. */
    static boolean run(RelayUnderTest relay, FreeRadiusProcess fr, int minutes, String load, String secret)
            throws Exception {
        ThreadMXBean threads = relay.threads().orElse(null);
        MemoryMXBean memory = relay.memory().orElse(null);
        String memoryColumn = memory != null ? "heap after GC MB" : "resident MB";
        System.out.println("| relay | minute | answered/s | lost | p99 ms | relay CPU µs/req | " + memoryColumn + " | threads |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        List<Minute> all = new ArrayList<>();
        for (int m = 1; m <= minutes; m++) {
            long[] cpuBefore = new long[1];
            String[] r = LoadGenerator.inChildJvm(relay.port(), secret, 60, load, m == 1 ? 10 : 0,
                    () -> cpuBefore[0] = ProcessCpu.micros(relay.pid()));
            long cpu = ProcessCpu.micros(relay.pid()) - cpuBefore[0];
            if (!relay.isAlive()) {
                throw new IllegalStateException(relay.name() + " died in minute " + m);
            }
            long answered = Math.max(1, Long.parseLong(r[0]));
            long used;
            int threadCount;
            if (memory != null) {
                memory.gc();
                used = memory.getHeapMemoryUsage().getUsed();
                threadCount = threads.getThreadCount();
            } else {
                used = status(relay.pid(), "VmRSS") * 1024;
                threadCount = (int) status(relay.pid(), "Threads");
            }
            Minute minute = new Minute(m, answered / 60.0, Long.parseLong(r[1]), Double.parseDouble(r[3]),
                    (double) cpu / answered, used, threadCount);
            all.add(minute);
            System.out.printf("| %s | %d | %.0f | %d | %.2f | %.1f | %.1f | %d |%n", relay.name(), m, minute.answeredPerSecond(),
                    minute.lost(), minute.p99(), minute.cpuPerRequest(), minute.heapAfterGc() / 1048576.0,
                    minute.threads());
        }
        return verdict(relay.name(), all);
    }

    /** A number field of {@code /proc/<pid>/status} ({@code VmRSS} in kB, {@code Threads}). */
    private static long status(long pid, String field) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).strip().split("\\s+")[0]);
            }
        }
        throw new java.io.IOException("no " + field + " in /proc/" + pid + "/status");
    }

    private static boolean verdict(String relay, List<Minute> all) {
        if (all.size() < 11) {
            System.out.println("soak: fewer than 11 minutes, no verdict");
            return true;
        }
        List<Minute> early = all.subList(1, 6);
        List<Minute> late = all.subList(all.size() - 5, all.size());
        long earlyHeap = median(early.stream().mapToLong(Minute::heapAfterGc).toArray());
        long lateHeap = median(late.stream().mapToLong(Minute::heapAfterGc).toArray());
        int earlyThreads = early.stream().mapToInt(Minute::threads).max().orElseThrow();
        int lateThreads = late.stream().mapToInt(Minute::threads).min().orElseThrow();
        long lost = all.stream().mapToLong(Minute::lost).sum();
        boolean heapFlat = lateHeap <= Math.max(earlyHeap * 11 / 10, earlyHeap + HEAP_SLACK);
        boolean threadsFlat = lateThreads <= earlyThreads;
        System.out.printf(relay + " soak: memory %.1f MB (median of minutes 2-6) -> %.1f MB (last 5): %s; threads at most"
                + " %d -> at least %d: %s;"
                + " lost %d%n", earlyHeap / 1048576.0, lateHeap / 1048576.0, heapFlat ? "flat" : "GREW", earlyThreads,
                lateThreads, threadsFlat ? "flat" : "GREW", lost);
        return heapFlat && threadsFlat;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
