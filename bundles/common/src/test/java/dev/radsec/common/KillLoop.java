package dev.radsec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Kills a child JVM with SIGKILL ({@link Process#destroyForcibly()} on Linux) at random moments while it rewrites
 * files through the real code, and has the caller check the files after every kill.
 *
 * <p>The child's {@code main} gets the directory as its only argument, loads what the previous child left (so a
 * file it cannot read fails it), prints {@link #READY} on standard output, then writes until it is killed. Its class
 * path is only the jars and directories of the classes named, so that it starts in a fraction of a second.
 */
public final class KillLoop {
    /** The line a child prints once it has loaded the state and starts writing. */
    public static final String READY = "READY";
    /** The system property giving the number of kills; the build runs a modest default. */
    public static final String KILLS_PROPERTY = "atomic.kills";
    /** How long a child may take to start and load; only a guard against a hung child. */
    private static final Duration START_GUARD = Duration.ofSeconds(60);

    /** What the caller checks after each kill; throws (an assertion) when a file is torn or inconsistent. */
    public interface Check {
        void afterKill(int kill, long childPid) throws Exception;
    }

    /**
     * What a run did.
     *
     * @param kills     children killed
     * @param midWrite  kills after which the killed child's temporary file was there: it was killed mid-write
     * @param wall      the whole run
     * @param leftovers temporary files present at the end (a later write into their directory removes them)
     */
    public record Figures(int kills, int midWrite, Duration wall, int leftovers) {
        @Override
        public String toString() {
            return kills + " kills (" + midWrite + " in the middle of a write) in " + wall.toSeconds() + " s, "
                    + "0 torn files, " + leftovers + " temporary files left at the end";
        }
    }

    private final Class<?> child;
    private final String classPath;
    private final Path directory;

    /**
     * @param child     the class whose {@code main} writes
     * @param classPath classes whose jar or directory the child needs (the child's own included)
     * @param directory where the child writes; the caller's check reads it
     */
    public KillLoop(Class<?> child, List<Class<?>> classPath, Path directory) {
        this.child = child;
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : classPath) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(c.getName(), e);
            }
        }
        this.classPath = String.join(File.pathSeparator, entries);
        this.directory = directory;
    }

    /** The number of kills to run: {@code -Datomic.kills=N}, else {@code normal}. */
    public static int kills(int normal) {
        return Integer.getInteger(KILLS_PROPERTY, normal);
    }

    /**
     * Runs {@code kills} children, each killed after a random delay of up to {@code maxDelay} once it is writing,
     * and calls {@code check} after each kill.
     */
    public Figures run(int kills, long seed, Duration maxDelay, Check check) throws Exception {
        Random random = new Random(seed);
        long started = System.nanoTime();
        int midWrite = 0;
        Path log = Files.createTempFile("kill-loop-child", ".log");
        try {
            for (int kill = 1; kill <= kills; kill++) {
                Process process = start(log);
                awaitReady(process, log, kill);
                LockSupport.parkNanos((long) (random.nextDouble() * maxDelay.toNanos())); // the random moment
                process.destroyForcibly();
                process.waitFor();
                assertEquals(137, process.exitValue(), "child " + kill + " was killed by SIGKILL, not ended otherwise: "
                        + Files.readString(log));
                if (temporaryFiles().stream().anyMatch(p -> p.getFileName().toString().contains("." + process.pid() + "-"))) {
                    midWrite++;
                }
                check.afterKill(kill, process.pid());
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return new Figures(kills, midWrite, Duration.ofNanos(System.nanoTime() - started), temporaryFiles().size());
    }

    /** Every temporary file of {@link AtomicFiles} under the directory. */
    public List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(AtomicFiles::isTemporary).toList();
        }
    }

    private Process start(Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-Xmx96m", "-cp", classPath, child.getName(), directory.toString()));
        return new ProcessBuilder(command).redirectError(log.toFile()).start();
    }

    /** Waits for READY; fails with the child's standard error when it ends or never gets there. */
    private static void awaitReady(Process process, Path log, int kill) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // killed: the pipe closes
            } finally {
                lines.add("<end>");
            }
        }, "kill-loop-reader");
        reader.setDaemon(true);
        reader.start();
        while (true) {
            String line = lines.poll(START_GUARD.toMillis(), TimeUnit.MILLISECONDS);
            if (READY.equals(line)) {
                return;
            }
            if (line == null || "<end>".equals(line)) {
                process.destroyForcibly();
                fail("child " + kill + " did not start writing (" + (line == null ? "hung" : "ended with "
                        + process.waitFor()) + "): " + readQuietly(log));
            }
        }
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless every temporary file of a secret (named by {@code secret}) is mode 0600. */
    public static void assertTemporarySecretsOwnerOnly(List<Path> temporary, java.util.function.Predicate<String> secret)
            throws IOException {
        for (Path t : temporary) {
            if (secret.test(t.getFileName().toString())) {
                assertTrue(Files.getPosixFilePermissions(t).equals(AtomicFiles.OWNER_ONLY),
                        t + " holds part of a secret and is " + Files.getPosixFilePermissions(t));
            }
        }
    }
}
