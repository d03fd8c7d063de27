package dev.radsec.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tables {@link RelayLoad} prints: one row per relay and round as it ends, then the medians per in-flight level. */
final class RoundTable {
    private final Map<String, List<Double>> throughput = new TreeMap<>();
    private final Map<String, Long> lost = new TreeMap<>();

    void printHeader() {
        System.out.println("| relay | in flight | round | answered/s | lost | p50 ms | p99 ms | relay CPU µs/req"
                + " | relay allocated B/req | FreeRADIUS CPU µs/req |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    }

    /**
     * A measured round. {@code generator} is {@link LoadGenerator}'s answered, lost, p50, p99; the CPU figures are
     * microseconds and {@code allocated} bytes (negative: not measured), each over the measured part.
     */
    void row(String relay, int window, int round, int seconds, String[] generator, long relayCpu, long allocated,
            long freeRadiusCpu) {
        double answered = Math.max(1, Long.parseLong(generator[0]));
        System.out.printf("| %s | %d | %d | %.0f | %s | %s | %s | %.1f | %s | %.1f |%n", relay, window, round,
                answered / seconds, generator[1], generator[2], generator[3], relayCpu / answered,
                allocated < 0 ? "–" : String.format("%.0f", allocated / answered), freeRadiusCpu / answered);
        String key = window + " " + relay;
        throughput.computeIfAbsent(key, k -> new ArrayList<>()).add(answered / seconds);
        lost.merge(key, Long.parseLong(generator[1]), Long::sum);
    }

    /** A round that did not measure: the relay is gone or the generator failed. */
    void failed(String relay, int window, int round, String why) {
        System.out.printf("| %s | %d | %d | %s | | | | | | |%n", relay, window, round, why);
    }

    /** Median answered/s of {@code ours} and {@code theirs} per in-flight level, with the ratio and the lost sums. */
    void printMedians(int[] windows, String ours, String theirs) {
        System.out.println();
        System.out.printf("| in flight | %s answered/s (median) | %s answered/s (median) | ratio | lost (ours / %s) |%n",
                ours, theirs, theirs.split(" ")[0]);
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int window : windows) {
            List<Double> a = throughput.get(window + " " + ours);
            List<Double> b = throughput.get(window + " " + theirs);
            if (a == null || b == null) {
                continue;
            }
            System.out.printf("| %d | %.0f | %.0f | %.2fx | %s / %s |%n", window, median(a), median(b),
                    median(a) / median(b), lost.get(window + " " + ours), lost.get(window + " " + theirs));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
