package dev.radsec.pki.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real inotify-backed watcher: events arrive without polling. */
class NioFileWatcherTest {
    @TempDir
    Path dir;

    @Test
    void seesAFileReplacedByRenameAndIgnoresItsNeighbours() throws Exception {
        Path watched = dir.resolve("server.pem");
        Files.writeString(watched, "one");
        Semaphore changes = new Semaphore(0);
        try (NioFileWatcher w = new NioFileWatcher("test-watcher")) {
            w.watch(this, List.of(watched), changes::release);
            Files.writeString(dir.resolve("unrelated.txt"), "x");
            Path tmp = dir.resolve("server.pem.tmp");
            Files.writeString(tmp, "two");
            Files.move(tmp, watched, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "the replacement is reported");
            changes.drainPermits();
            w.unwatch(this);
            Files.writeString(watched, "three");
            // A later event for another registration proves the watcher thread processed ours and stayed quiet.
            CountDownLatch other = new CountDownLatch(1);
            Path marker = dir.resolve("marker");
            w.watch("other", List.of(marker), other::countDown);
            Files.writeString(marker, "m");
            assertTrue(other.await(10, TimeUnit.SECONDS));
            assertFalse(changes.tryAcquire(), "no events after unwatch");
        }
    }

    @Test
    void watchesEveryFileOfADirectory() throws Exception {
        Path cas = Files.createDirectory(dir.resolve("cas"));
        CountDownLatch changed = new CountDownLatch(1);
        try (NioFileWatcher w = new NioFileWatcher("test-watcher")) {
            w.watch(this, List.of(cas), changed::countDown);
            Files.writeString(cas.resolve("new-ca.pem"), "x");
            assertTrue(changed.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void seesAFileAppearInDirectoriesThatDidNotExistWhenItWasWatched() throws Exception {
        Path certificate = dir.resolve("radsec/certs/server.crt");
        Semaphore changes = new Semaphore(0);
        try (NioFileWatcher w = new NioFileWatcher("test-watcher")) {
            w.watch(this, List.of(certificate), changes::release);
            Files.createDirectories(certificate.getParent()); // two levels at once, as a first boot does
            Files.writeString(certificate, "pem");
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "the new file (or its new directory) is reported");
            changes.drainPermits();
            Files.writeString(certificate, "replaced");
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "and it is watched from now on");
        }
    }
}
