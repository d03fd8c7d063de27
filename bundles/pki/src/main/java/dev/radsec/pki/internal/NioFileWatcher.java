package dev.radsec.pki.internal;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FileWatcher} on {@link WatchService} (inotify on Linux): it watches the directories holding the
 * files, so replacing a file by rename is seen as well as editing it. When a file's directory does not exist yet,
 * its nearest existing ancestor is watched instead, and each directory created on the way is watched in turn, so a
 * file that appears later (a first boot writing {@code etc/radsec/certs/}) is seen at once.
 */
public final class NioFileWatcher implements FileWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(NioFileWatcher.class);

    private final WatchService service;
    private final Thread thread;
    private final Map<Object, Registration> registrations = new HashMap<>();
    private final Map<Path, WatchKey> keys = new HashMap<>();

    private static final class Registration {
        final Set<Path> files = new HashSet<>();
        final Set<Path> directories = new HashSet<>();
        final Runnable onChange;

        Registration(Runnable onChange) {
            this.onChange = onChange;
        }

        boolean concerns(Path directory, Path changed) {
            return directories.contains(directory) || files.contains(changed);
        }
    }

    public NioFileWatcher(String threadName) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void watch(Object owner, Collection<Path> paths, Runnable onChange) {
        Registration r = new Registration(onChange);
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                r.directories.add(abs);
                register(abs);
            } else {
                r.files.add(abs);
                registerNearest(abs.getParent());
            }
        }
        registrations.put(owner, r);
    }

    /** Watches {@code directory}, or while it does not exist, its nearest existing ancestor. */
    private void registerNearest(Path directory) {
        Path d = directory;
        while (d != null && !Files.isDirectory(d)) {
            d = d.getParent();
        }
        if (d != null) {
            register(d);
        }
    }

    /** A directory appeared: watch it (and what it leads to) for the files still waiting below it. */
    private synchronized void directoryCreated(Path created) {
        for (Registration r : registrations.values()) {
            for (Path f : r.files) {
                if (f.startsWith(created)) {
                    registerNearest(f.getParent());
                }
            }
        }
    }

    private void register(Path directory) {
        if (keys.containsKey(directory) || !Files.isDirectory(directory)) {
            return;
        }
        try {
            keys.put(directory, directory.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE));
        } catch (IOException e) {
            LOG.warn("Cannot watch {} for changes ({}); relying on the retry interval", directory, e.getMessage());
        }
    }

    @Override
    public synchronized void unwatch(Object owner) {
        registrations.remove(owner);
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path directory = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                Path changed = event.kind() == OVERFLOW ? null : directory.resolve((Path) event.context());
                if (changed != null && event.kind() == ENTRY_CREATE && Files.isDirectory(changed)) {
                    directoryCreated(changed);
                }
                for (Runnable r : interested(directory, changed)) {
                    r.run();
                }
            }
            key.reset();
        }
    }

    private synchronized List<Runnable> interested(Path directory, Path changed) {
        return registrations.values().stream()
                .filter(r -> changed == null ? r.directories.contains(directory) || r.files.stream()
                        .anyMatch(f -> directory.equals(f.getParent()))
                        // a new directory on the way to a file: the file may already be in it
                        : r.concerns(directory, changed) || r.files.stream().anyMatch(f -> f.startsWith(changed)))
                .map(r -> r.onChange)
                .collect(java.util.stream.Collectors.toList());
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service", e);
        }
        thread.interrupt();
    }
}
