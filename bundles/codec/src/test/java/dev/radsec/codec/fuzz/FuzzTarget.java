package dev.radsec.codec.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What every fuzz target shares: its seed corpus, {@code fuzz/<name>/} on the test class path (checked in under the
 * module's {@code src/test/resources/fuzz/<name>/}), the count of inputs it ran, and the check that it ran enough.
 *
 * <p>A fuzz test runs {@code @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)} with the same
 * {@code RUNS} it gives here: a few seconds' worth in the build. It calls {@link #ran()} first thing for every input
 * and {@link #checkInputs()} from its {@code @AfterAll}. While fuzzing ({@code JAZZER_FUZZ} set, as the build's
 * fuzz execution does), a run that executed fewer inputs fails: a fuzzer that stopped early, ran out of time or
 * never started is a failure, not a pass. {@code -Djazzer.max_executions=N} asks for N instead (the long runs ask
 * for 10,000,000). Without {@code JAZZER_FUZZ} (an IDE, {@code -Dtest=...}) Jazzer runs the seeds only, and every
 * seed must have run.
 *
 * <p>Jazzer runs one input at a time, so the count needs no synchronisation.
 */
public final class FuzzTarget {
    /** The time a build's run may take at most, however slow the machine: reached, the run fails as too short. */
    public static final String MAX_DURATION = "3m";

    private final String name;
    private final long minimumInputs;
    private final long startNanos = System.nanoTime();
    private long inputs;

    /**
     * @param name          the corpus directory's name, e.g. {@code decode-request}
     * @param minimumInputs how many inputs a fuzzing run in the build executes: its {@code @FuzzTest(maxExecutions)}
     */
    public FuzzTarget(String name, long minimumInputs) {
        this.name = name;
        this.minimumInputs = minimumInputs;
    }

    public String name() {
        return name;
    }

    /** Counts one input. */
    public void ran() {
        inputs++;
    }

    public long inputs() {
        return inputs;
    }

    /** The seed files, sorted by name. */
    public List<Path> seedFiles() {
        URL url = Thread.currentThread().getContextClassLoader().getResource("fuzz/" + name);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("no seed corpus directory fuzz/" + name + " on the test class path: " + url);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<Path> out = files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            if (out.isEmpty()) {
                throw new IllegalStateException("the seed corpus fuzz/" + name + " is empty");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seeds as JUnit arguments named by their file, for a {@code @MethodSource} in front of {@code @FuzzTest}. */
    public Stream<Arguments> seeds() {
        return seedFiles().stream().map(f -> Arguments.of(Named.of(f.getFileName().toString(), read(f))));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this JVM fuzzes (rather than only replaying the seeds). */
    public static boolean fuzzing() {
        String env = System.getenv("JAZZER_FUZZ");
        return env != null && !env.isEmpty() && !"0".equals(env) && !"false".equalsIgnoreCase(env);
    }

    /** Prints what ran and fails when it was too little; from the fuzz test's {@code @AfterAll}. */
    public void checkInputs() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        // One line per target, which benchmarks/fuzz-long.sh collects.
        System.out.printf("FUZZ-RESULT target=%s fuzzing=%s inputs=%d seconds=%.1f rate=%.0f/s%n", name, fuzzing(),
                inputs, seconds, inputs / Math.max(seconds, 1e-9));
        if (fuzzing()) {
            long minimum = Long.getLong("jazzer.max_executions", minimumInputs);
            assertTrue(inputs >= minimum, "fuzz target " + name + " executed " + inputs
                    + " inputs, fewer than the " + minimum + " it must run");
        } else {
            long seeds = seedFiles().size();
            assertTrue(inputs >= seeds, "fuzz target " + name + " ran " + inputs + " of its " + seeds + " seeds");
        }
    }
}
