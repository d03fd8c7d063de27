package dev.radsec.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LoadGenerator} run in a child JVM in the background, for tests that do something to a relay under load:
 * {@link #start} is when its measured part began (no warm-up beyond 3 s), and its answers are binned per
 * {@value #BIN_MS} ms by send time.
 */
final class LoadRun {
    static final int BIN_MS = 100;
    private static final int WARM_UP = 3;
    private final CompletableFuture<String[]> load;
    private final Path bins;
    private volatile long start;

    /** Starts {@code load} ({@code "2000/s"} or a number in flight) for {@code seconds} at 127.0.0.1:{@code port}. */
    LoadRun(int port, String secret, String load, int seconds, Path bins) throws InterruptedException {
        this.bins = bins;
        this.load = CompletableFuture.supplyAsync(() -> {
            try {
                return LoadGenerator.inChildJvm(port, secret, seconds, load, WARM_UP,
                        () -> start = System.nanoTime(), List.of("-Dload.bins=" + bins));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (start == 0 && !this.load.isDone()) {
            Thread.sleep(5);
        }
    }

    /** When the measured part began ({@link System#nanoTime()}). */
    long start() {
        return start;
    }

    /** Sleeps until {@code offset} nanoseconds into the measured part. */
    void sleepUntil(long offset) throws InterruptedException {
        long left = start + offset - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /** The bin that {@code nanoTime} falls in. */
    int bin(long nanoTime) {
        return (int) ((nanoTime - start) / 1_000_000L / BIN_MS);
    }

    /** Waits for the end of the run (every request answered or counted lost). */
    Result finish() throws Exception {
        String[] r = load.get();
        List<long[]> curve = new ArrayList<>();
        for (String line : Files.readAllLines(bins)) {
            String[] f = line.split(" ");
            curve.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return new Result(Long.parseLong(r[4]), Long.parseLong(r[0]), Long.parseLong(r[1]), curve);
    }

    /** The generator's totals and its bins: requests sent and answered with an Access-Accept, per 100 ms by send time. */
    record Result(long sent, long answered, long lost, List<long[]> bins) {
        /** Whether every request sent was answered or counted lost: none vanished. */
        boolean accounted() {
            return sent == answered + lost;
        }

        /** The first bin at or after {@code from} from which every later bin is answered at {@code share}; -1: none. */
        int firstBinFromWhichAllAtLeast(double share, int from) {
            int first = -1;
            for (int b = Math.max(0, from); b < bins.size(); b++) {
                if (bins.get(b)[1] < share * bins.get(b)[0]) {
                    first = -1;
                } else if (first < 0) {
                    first = b;
                }
            }
            return first;
        }

        /** How many bins from {@code from} on are answered below {@code share}. */
        int binsBelow(double share, int from) {
            int below = 0;
            for (int b = Math.max(0, from); b < bins.size(); b++) {
                below += bins.get(b)[1] < share * bins.get(b)[0] ? 1 : 0;
            }
            return below;
        }

        /** Unanswered requests sent in bin {@code from} or later. */
        long lostFrom(int from) {
            long lost = 0;
            for (int b = Math.max(0, from); b < bins.size(); b++) {
                lost += bins.get(b)[0] - bins.get(b)[1];
            }
            return lost;
        }

        /** Unanswered requests sent before bin {@code to}. */
        long lostBefore(int to) {
            long lost = 0;
            for (int b = 0; b < Math.min(to, bins.size()); b++) {
                lost += bins.get(b)[0] - bins.get(b)[1];
            }
            return lost;
        }

        /** Requests sent before bin {@code to}. */
        long sentBefore(int to) {
            long sent = 0;
            for (int b = 0; b < Math.min(to, bins.size()); b++) {
                sent += bins.get(b)[0];
            }
            return sent;
        }
    }
}
