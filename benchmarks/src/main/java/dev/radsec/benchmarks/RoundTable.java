package dev.radsec.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables {@link RelayLoad} prints: one row per relay and round as it ends, then per load (an in-flight level such
 * as {@code 200}, or an open-loop rate such as {@code 3000/s}) the medians over the rounds, one column per relay, and the first relay's median divided by each other relay's.
 */
final class RoundTable {
    /** A figure of a round that the median table shows, in this order. */
    private enum Figure {
        ANSWERED("answered/s", "%.0f"), P50("p50 ms", "%.2f"), P99("p99 ms", "%.2f"),
        RELAY_CPU("relay CPU µs/req", "%.1f"), ALLOCATED("relay allocated B/req", "%.0f");

        private final String label;
        private final String format;

        Figure(String label, String format) {
            this.label = label;
            this.format = format;
        }
    }

    /** Per "load relay": each figure over the measured rounds. */
    private final Map<String, Map<Figure, List<Double>>> figures = new HashMap<>();
    /** Per "load relay": lost requests over the measured rounds. */
    private final Map<String, Long> lost = new HashMap<>();

    void printHeader() {
        System.out.println("| relay | in flight | round | answered/s | lost | p50 ms | p99 ms | relay CPU µs/req"
                + " | relay allocated B/req | FreeRADIUS CPU µs/req |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    }

    /**
     * A measured round. {@code generator} is {@link LoadGenerator}'s answered, lost, p50, p99; the CPU figures are
     * microseconds and {@code allocated} bytes (negative: not measured), each over the measured part.
     */
    void row(String relay, String load, int round, int seconds, String[] generator, long relayCpu, long allocated,
            long freeRadiusCpu) {
        double answered = Math.max(1, Long.parseLong(generator[0]));
        System.out.printf("| %s | %s | %d | %.0f | %s | %s | %s | %.1f | %s | %.1f |%n", relay, load, round,
                answered / seconds, generator[1], generator[2], generator[3], relayCpu / answered,
                allocated < 0 ? "–" : String.format("%.0f", allocated / answered), freeRadiusCpu / answered);
        String key = load + " " + relay;
        Map<Figure, List<Double>> of = figures.computeIfAbsent(key, k -> new EnumMap<>(Figure.class));
        add(of, Figure.ANSWERED, answered / seconds);
        add(of, Figure.P50, Double.parseDouble(generator[2]));
        add(of, Figure.P99, Double.parseDouble(generator[3]));
        add(of, Figure.RELAY_CPU, relayCpu / answered);
        if (allocated >= 0) {
            add(of, Figure.ALLOCATED, allocated / answered);
        }
        lost.merge(key, Long.parseLong(generator[1]), Long::sum);
    }

    private static void add(Map<Figure, List<Double>> of, Figure figure, double value) {
        of.computeIfAbsent(figure, f -> new ArrayList<>()).add(value);
    }

    /** A round that did not measure: the relay is gone or the generator failed. */
    void failed(String relay, String load, int round, String why) {
        System.out.printf("| %s | %s | %d | %s | | | | | | |%n", relay, load, round, why);
    }

    /**
     * Per load and figure, the median of each of {@code relays} (in this order), then the first relay's
     * median divided by each other's; last the lost requests summed over the rounds. "–": not measured.
     */
    void printMedians(List<String> loads, List<String> relays) {
        String first = relays.get(0);
        List<String> others = relays.subList(1, relays.size());
        System.out.println();
        StringBuilder header = new StringBuilder("| in flight | median over the rounds |");
        relays.forEach(r -> cell(header, r));
        others.forEach(r -> cell(header, first + " / " + r));
        System.out.println(header);
        System.out.println("|---:|---|" + "---:|".repeat(relays.size() + others.size()));
        for (String load : loads) {
            for (Figure figure : Figure.values()) {
                StringBuilder line = new StringBuilder("| " + load + " | " + figure.label + " |");
                relays.forEach(r -> cell(line, format(figure.format, median(load, r, figure))));
                double ours = median(load, first, figure);
                others.forEach(r -> cell(line, format("%.2fx", ours / median(load, r, figure))));
                System.out.println(line);
            }
            StringBuilder line = new StringBuilder("| " + load + " | lost (sum) |");
            relays.forEach(r -> cell(line, lost.containsKey(load + " " + r) ? lost.get(load + " " + r).toString() : "–"));
            others.forEach(r -> cell(line, ""));
            System.out.println(line);
        }
    }

    /** The median of {@code figure} over the measured rounds, NaN when none. */
    private double median(String load, String relay, Figure figure) {
        List<Double> values = figures.getOrDefault(load + " " + relay, Map.of()).get(figure);
        if (values == null) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void cell(StringBuilder line, String value) {
        line.append(' ').append(value).append(" |");
    }

    private static String format(String format, double value) {
        return Double.isFinite(value) ? String.format(format, value) : "–";
    }
}
