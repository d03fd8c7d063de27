package dev.radsec.transport.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when one of a few files is created, written, replaced or deleted (inotify through the JDK's
 * {@link WatchService}, no polling), on a daemon thread of its own. The directories of the files are watched, so
 * an editor's write-to-temporary-then-rename is seen too.
 */
final class FileChangeWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileChangeWatcher.class);

    private final Set<Path> files = new HashSet<>();
    private final Runnable onChange;
    private final WatchService service;
    private final Thread thread;

    FileChangeWatcher(List<Path> watched, Runnable onChange) {
        this.onChange = onChange;
        WatchService s = null;
        try {
            s = FileSystems.getDefault().newWatchService();
            Set<Path> dirs = new HashSet<>();
            for (Path f : watched) {
                Path abs = f.toAbsolutePath().normalize();
                files.add(abs);
                if (abs.getParent() != null && dirs.add(abs.getParent())) {
                    abs.getParent().register(s, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
        } catch (IOException e) {
            LOG.warn("Changes to {} will not be seen until the configuration changes: {}", watched, e.getMessage());
        }
        service = s;
        thread = new Thread(this::run, "radsec-dictionary-watch");
        thread.setDaemon(true);
        if (service != null) {
            thread.start();
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path dir = (Path) key.watchable();
                boolean ours = false;
                for (WatchEvent<?> e : key.pollEvents()) {
                    Object context = e.context();
                    ours |= e.kind() == StandardWatchEventKinds.OVERFLOW
                            || context instanceof Path && files.contains(dir.resolve((Path) context));
                }
                key.reset();
                if (ours) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // closed
        }
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service", e);
            }
        }
    }
}
