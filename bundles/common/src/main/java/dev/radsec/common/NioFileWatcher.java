package dev.radsec.common;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FileWatcher} on {@link WatchService} (inotify on Linux): it watches the directories holding the
 * files, so replacing a file by rename is seen as well as editing it. When a file's directory does not exist yet,
 * its nearest existing ancestor is watched instead, and each directory created on the way is watched in turn, so a
 * file that appears later (a first boot writing {@code etc/radsec/certs/}) is seen at once.
 *
 * <p>A directory only sends events once it is watched, and what happens in it before (a file written right after
 * its directory appeared) sends none. So each time directories are watched (at {@link #watch}, when one appears,
 * when one is deleted or replaced), the files are compared with what was last seen of them, and a difference is
 * reported like an event.
 */
public final class NioFileWatcher implements FileWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(NioFileWatcher.class);

    /** Files up to this size are compared by content too: certificates and keys are a few kB. */
    private static final long COMPARED_BY_CONTENT = 64 * 1024;

    private final WatchService service;
    private final Thread thread;
    private final Map<Object, Registration> registrations = new HashMap<>();
    private final Map<Path, Watched> watched = new HashMap<>();

    /** A watched directory, and which one: another directory may take its path (moved away, created anew). */
    private record Watched(WatchKey key, Object fileKey) {
    }

    /** What a file looked like; a change of any part is a change of the file. */
    private record FileState(long size, FileTime modified, Object fileKey, long checksum) {
    }

    private static final class Registration {
        final Set<Path> paths;
        final Runnable onChange;
        /** The files (and the files in directories) of {@code paths} as last seen; absent ones do not exist. */
        Map<Path, FileState> seen;

        Registration(Set<Path> paths, Runnable onChange) {
            this.paths = paths;
            this.onChange = onChange;
        }

        /** Whether an event about {@code changed}, in {@code directory}, is about one of the paths. */
        boolean concerns(Path directory, Path changed) {
            // a file in a watched directory, the path itself, or a directory on the way to it
            return paths.stream().anyMatch(p -> p.equals(directory) || p.startsWith(changed));
        }

        /** Compares the files with what was last seen; true when they changed, which is then what was seen. */
        boolean rescan() {
            Map<Path, FileState> now = scan(paths);
            if (now.equals(seen)) {
                return false;
            }
            seen = now;
            return true;
        }
    }

    public NioFileWatcher(String threadName) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * {@inheritDoc} A change made while this registers is reported too, before it returns and on the caller's
     * thread.
     */
    @Override
    public void watch(Object owner, Collection<Path> paths, Runnable onChange) {
        Set<Path> all = new LinkedHashSet<>();
        for (Path p : paths) {
            all.add(p.toAbsolutePath().normalize());
        }
        Registration r = new Registration(all, onChange);
        boolean changed;
        synchronized (this) {
            // Seen before registering: a change while registering, before the keys exist, shows in the rescan.
            r.seen = scan(all);
            registrations.put(owner, r);
            all.forEach(this::registerTowards);
            changed = r.rescan();
        }
        if (changed) {
            onChange.run();
        }
    }

    /**
     * Watches the deepest existing directory on the way to {@code path} (the path itself when it is a directory),
     * then each one below it that appeared meanwhile. Their events tell when the path, or the next directory on the
     * way, appears.
     */
    private void registerTowards(Path path) {
        Path d = nearestDirectory(path);
        while (d != null) {
            if (!register(d)) {
                if (Files.isDirectory(d)) {
                    return; // cannot be watched (logged): the retry interval covers it
                }
                d = nearestDirectory(d.getParent()); // it vanished before it was watched: watch further up
                continue;
            }
            if (d.equals(path)) {
                return;
            }
            // A directory created in d before d was watched sent no event: look for it now.
            Path next = d.resolve(path.getName(d.getNameCount()));
            d = Files.isDirectory(next) ? next : null;
        }
    }

    private static Path nearestDirectory(Path path) {
        Path d = path;
        while (d != null && !Files.isDirectory(d)) {
            d = d.getParent();
        }
        return d;
    }

    /** Watches {@code directory} unless it already is; false when it cannot be. */
    private boolean register(Path directory) {
        try {
            Object fileKey = Files.readAttributes(directory, BasicFileAttributes.class).fileKey();
            Watched w = watched.get(directory);
            if (w != null && w.key.isValid() && Objects.equals(w.fileKey, fileKey)) {
                return true;
            }
            if (w != null) {
                w.key.cancel(); // it watches a directory that is no longer at this path
            }
            WatchKey key = directory.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            watched.put(directory, new Watched(key, fileKey));
            return true;
        } catch (IOException e) {
            if (Files.isDirectory(directory)) {
                LOG.warn("Cannot watch {} for changes ({}); relying on the retry interval", directory, e.getMessage());
            }
            return false;
        }
    }

    @Override
    public synchronized void unwatch(Object owner) {
        registrations.remove(owner);
    }

    private void run() {
        while (true) {
            List<Runnable> callbacks;
            try {
                callbacks = handle(service.take());
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return; // closed, possibly while handling events
            }
            for (Runnable onChange : callbacks) {
                onChange.run();
            }
        }
    }

    /** Follows the key's events; returns the callbacks to run, outside the lock. */
    private synchronized List<Runnable> handle(WatchKey key) {
        Path directory = (Path) key.watchable();
        Set<Registration> reported = new LinkedHashSet<>();
        Set<Registration> rescanned = new LinkedHashSet<>();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                // Events were lost: watch and compare everything again.
                for (Registration r : registrations.values()) {
                    r.paths.forEach(this::registerTowards);
                    rescanned.add(r);
                }
                continue;
            }
            Path changed = directory.resolve((Path) event.context());
            for (Registration r : registrations.values()) {
                if (r.concerns(directory, changed)) {
                    reported.add(r);
                }
            }
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(changed)) {
                rescanned.addAll(registerBelow(changed));
            }
        }
        Watched w = watched.get(directory);
        if (!key.reset() && w != null && w.key == key) {
            // The directory was deleted (or unmounted): watch what is left on the way, or what replaced it.
            watched.remove(directory);
            rescanned.addAll(registerBelow(directory));
        }
        List<Runnable> callbacks = new ArrayList<>();
        Set<Registration> compared = new LinkedHashSet<>(reported);
        compared.addAll(rescanned);
        for (Registration r : compared) {
            // Compared even when reported anyway, so a later rescan starts from what the callback will read.
            if (r.rescan() || reported.contains(r)) {
                callbacks.add(r.onChange);
            }
        }
        return callbacks;
    }

    /** Watches the way to each path at or below {@code directory}; returns the registrations to compare. */
    private Set<Registration> registerBelow(Path directory) {
        Set<Registration> affected = new LinkedHashSet<>();
        for (Registration r : registrations.values()) {
            for (Path p : r.paths) {
                if (p.startsWith(directory)) {
                    registerTowards(p);
                    affected.add(r);
                }
            }
        }
        return affected;
    }

    /** The state of the files at {@code paths} and in those that are directories. */
    private static Map<Path, FileState> scan(Set<Path> paths) {
        Map<Path, FileState> states = new HashMap<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    files.forEach(f -> addState(states, f));
                } catch (IOException e) {
                    // vanished meanwhile, or unreadable: nothing in it to compare
                }
            } else {
                addState(states, p);
            }
        }
        return states;
    }

    private static void addState(Map<Path, FileState> states, Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            // Content too, for small files: a rewrite may keep size and time (coarse clocks) and even the inode.
            long checksum = a.isRegularFile() && a.size() <= COMPARED_BY_CONTENT ? checksum(file) : 0;
            states.put(file, new FileState(a.size(), a.lastModifiedTime(), a.fileKey(), checksum));
        } catch (IOException e) {
            // it does not exist (any more): absent
        }
    }

    private static long checksum(Path file) {
        try {
            CRC32 crc = new CRC32();
            crc.update(Files.readAllBytes(file));
            return crc.getValue();
        } catch (IOException e) {
            return -1; // unreadable: size and time still tell
        }
    }

    /** Synchronized so that it never overlaps a registration, which the watch service does not expect. */
    @Override
    public synchronized void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        }
        thread.interrupt();
    }
}
