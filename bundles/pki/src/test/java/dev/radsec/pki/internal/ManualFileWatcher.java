package dev.radsec.pki.internal;

import dev.radsec.common.FileWatcher;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link FileWatcher} the test fires by hand, standing in for inotify. */
final class ManualFileWatcher implements FileWatcher {
    private final Map<Object, Map.Entry<List<Path>, Runnable>> registrations = new HashMap<>();

    @Override
    public void watch(Object owner, Collection<Path> paths, Runnable onChange) {
        registrations.put(owner, Map.entry(List.copyOf(paths), onChange));
    }

    @Override
    public void unwatch(Object owner) {
        registrations.remove(owner);
    }

    /** Reports a change of {@code file}, as inotify would. */
    void changed(Path file) {
        for (Map.Entry<List<Path>, Runnable> r : List.copyOf(registrations.values())) {
            for (Path p : r.getKey()) {
                if (p.equals(file) || file.startsWith(p)) {
                    r.getValue().run();
                    break;
                }
            }
        }
    }

    int registrations() {
        return registrations.size();
    }

    @Override
    public void close() {
        registrations.clear();
    }
}
