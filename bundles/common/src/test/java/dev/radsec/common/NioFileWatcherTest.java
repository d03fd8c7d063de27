package dev.radsec.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real inotify-backed watcher: events arrive without polling. No test here depends on speed: each waits for a
 * report made after the file held its last content, which ends as soon as it comes, and fails only after a deadline
 * no busy machine reaches.
 */
class NioFileWatcherTest {
    private static final long DEADLINE_SECONDS = 20;

    @TempDir
    Path dir;
    /** The watcher under test: one per test, closed after it. */
    private NioFileWatcher watcher;

    @BeforeEach
    void startWatcher() throws IOException {
        watcher = new NioFileWatcher("test-watcher");
    }

    @AfterEach
    void closeWatcher() {
        watcher.close();
    }

    /** Watches {@code watched} with a {@link Reloads} of {@code file}. */
    private Reloads reloadsOn(Path file, Path watched) {
        Reloads reloads = new Reloads(file);
        watcher.watch(this, List.of(watched), reloads);
        return reloads;
    }

    /** Reads the file at each report, as a reloading credential does, so a test can wait for the last write. */
    private static final class Reloads implements Runnable {
        private final Path file;
        private final BlockingQueue<String> read = new LinkedBlockingQueue<>();

        Reloads(Path file) {
            this.file = file;
        }

        @Override
        public void run() {
            read.add(content(file));
        }

        /** Writes {@code content} to the file, then {@link #awaitReading waits} for a report that saw it. */
        void writeAndAwait(String content, String what) throws IOException, InterruptedException {
            Files.writeString(file, content);
            awaitReading(content, what);
        }

        /**
         * Writes the file twice, waiting for each write to be seen: {@code what} is reported, and the file is still
         * watched after it. The contents differ from any a test writes itself.
         */
        void seenAndStillWatched(String what) throws IOException, InterruptedException {
            writeAndAwait("seen: " + what, what);
            writeAndAwait("still watched: " + what, "and after " + what + ", the file is still watched");
        }

        /** Waits for a report that saw {@code content}: the write of it was reported, or one after it. */
        void awaitReading(String content, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            String last = null;
            while (!content.equals(last)) {
                String r = read.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (r == null) {
                    fail(what + ": no report saw '" + content + "' in " + DEADLINE_SECONDS + " s (last: " + last + ")");
                }
                last = r;
            }
        }

        private static String content(Path file) {
            try {
                return Files.readString(file);
            } catch (NoSuchFileException e) {
                return "(missing)";
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }

    @Test
    void seesAFileReplacedByRenameAndIgnoresItsNeighbours() throws Exception {
        Path watched = dir.resolve("server.pem");
        Files.writeString(watched, "one");
        Semaphore changes = new Semaphore(0);
        watcher.watch(this, List.of(watched), changes::release);
        Files.writeString(dir.resolve("unrelated.txt"), "x");
        Path tmp = dir.resolve("server.pem.tmp");
        Files.writeString(tmp, "two");
        Files.move(tmp, watched, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(changes.tryAcquire(DEADLINE_SECONDS, TimeUnit.SECONDS), "the replacement is reported");
        changes.drainPermits();
        watcher.unwatch(this);
        Files.writeString(watched, "three");
        // A later event in the same directory proves the watcher thread processed ours and stayed quiet.
        CountDownLatch other = new CountDownLatch(1);
        Path marker = dir.resolve("marker");
        watcher.watch("other", List.of(marker), other::countDown);
        Files.writeString(marker, "m");
        assertTrue(other.await(DEADLINE_SECONDS, TimeUnit.SECONDS));
        assertFalse(changes.tryAcquire(), "no events after unwatch");
    }

    @Test
    void watchesEveryFileOfADirectory() throws Exception {
        Path cas = Files.createDirectory(dir.resolve("cas"));
        Path ca = cas.resolve("new-ca.pem");
        Reloads reloads = reloadsOn(ca, cas);
        reloads.writeAndAwait("x", "a new file in the directory");
    }

    @Test
    void watchesADirectoryThatDidNotExistWhenItWasWatched() throws Exception {
        Path cas = dir.resolve("radsec/cas");
        Path ca = cas.resolve("ca.pem");
        Reloads reloads = reloadsOn(ca, cas);
        Files.createDirectories(cas);
        reloads.seenAndStillWatched("a file in the new directory");
    }

    @Test
    void seesAFileAppearInDirectoriesThatDidNotExistWhenItWasWatched() throws Exception {
        Path certificate = dir.resolve("radsec/certs/server.crt");
        Reloads reloads = reloadsOn(certificate, certificate);
        Files.createDirectories(certificate.getParent()); // two levels at once, as a first boot does
        reloads.seenAndStillWatched("the new file");
    }

    /**
     * The race of a first boot: each write may land before the watcher has registered the directories that just
     * appeared, and must be reported all the same. Repeated, as any one run may miss the unlucky ordering.
     */
    @RepeatedTest(200)
    void seesAFileWrittenAndRewrittenAsItsDirectoriesAppear() throws Exception {
        Path certificate = dir.resolve("etc/radsec/certs/server.crt");
        Reloads reloads = reloadsOn(certificate, certificate);
        Files.createDirectories(certificate.getParent());
        Files.writeString(certificate, "first");
        reloads.seenAndStillWatched("the last write");
    }

    @Test
    void watchesADirectoryAgainAfterItWasDeletedAndCreatedAnew() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("radsec/certs"));
        Path certificate = certs.resolve("server.crt");
        Files.writeString(certificate, "old");
        Reloads reloads = reloadsOn(certificate, certificate);
        deleteTree(certs);
        Files.createDirectories(certs);
        reloads.seenAndStillWatched("the file in the new directory");
    }

    @Test
    void watchesADirectoryThatReplacedOneMovedAway() throws Exception {
        Path radsec = Files.createDirectories(dir.resolve("radsec"));
        Path certificate = radsec.resolve("certs/server.crt");
        Reloads reloads = reloadsOn(certificate, certificate); // watches radsec, so it sees certs come and go
        Files.createDirectories(certificate.getParent());
        reloads.writeAndAwait("old", "the first file");
        Files.move(certificate.getParent(), radsec.resolve("certs.old"));
        Files.createDirectories(certificate.getParent());
        reloads.writeAndAwait("new", "the file in the directory now at that path");
        settle(radsec); // so that no report of an earlier event in radsec can read the next write
        reloads.writeAndAwait("newer", "and that directory is watched from now on");
    }

    /** Waits until the watcher has handled the events in {@code directory} so far: a marker's comes after them. */
    private void settle(Path directory) throws Exception {
        CountDownLatch seen = new CountDownLatch(1);
        Path marker = directory.resolve("settled");
        watcher.watch("settle", List.of(marker), seen::countDown);
        Files.writeString(marker, "");
        assertTrue(seen.await(DEADLINE_SECONDS, TimeUnit.SECONDS), "the marker is reported");
        watcher.unwatch("settle");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
