package dev.radsec.transport.internal;

import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.Scheduler;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.DictionaryException;
import dev.radsec.codec.PacketCodec;
import dev.radsec.common.FileWatcher;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.transport.RadiusDictionary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RadiusDictionary} from PID {@code dev.radsec.dictionary}: the bundled dictionary, plus the operator's tree
 * named by {@code path}, reloaded 500 ms after its files change (a burst of writes is one reload). A tree that does
 * not load is refused with its file and line; the last good dictionary stays.
 */
@Component(configurationPid = "dev.radsec.dictionary", service = RadiusDictionary.class)
@Designate(ocd = DictionaryConfig.class)
public final class DictionaryService implements RadiusDictionary {
    private static final Logger LOG = LoggerFactory.getLogger(DictionaryService.class);
    static final Duration SETTLE = Duration.ofMillis(500);

    /** A dictionary and its codec, swapped as one. */
    private static final class Loaded {
        final Dictionary dictionary;
        final PacketCodec codec;

        Loaded(Dictionary dictionary) {
            this.dictionary = dictionary;
            this.codec = new PacketCodec(dictionary);
        }
    }

    private volatile Loaded loaded = new Loaded(Dictionary.standard());
    private Scheduler timer;
    /** The timer this component made itself, and so closes; null when one was handed in. */
    private ExecutorScheduler ownTimer;
    /** Created when a path is first configured; watches the files the dictionary in effect was read from. */
    private FileWatcher watcher;
    private Path path;
    private Scheduler.Cancellable pendingReload;

    public DictionaryService() {
    }

    /** Plain-Java use and tests: reloads scheduled on {@code timer}. */
    public DictionaryService(Scheduler timer) {
        this.timer = timer;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        if (timer == null) {
            ownTimer = new ExecutorScheduler(Clock.systemUTC(), "radsec-dictionary-timer");
            timer = ownTimer;
        }
        configure(properties);
    }

    /** Applies a configuration: loads the tree its {@code path} names, relative to Karaf's etc. */
    @Modified
    public synchronized void configure(Map<String, ?> properties) {
        Object p = properties.get("path");
        String text = p == null ? "" : p.toString().trim();
        String etc = System.getProperty("karaf.etc", "etc");
        path = text.isEmpty() ? null : Path.of(etc).resolve(text).toAbsolutePath().normalize();
        reload();
    }

    @Deactivate
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (pendingReload != null) {
            pendingReload.cancel();
        }
        if (ownTimer != null) {
            ownTimer.close();
        }
    }

    @Override
    public Dictionary current() {
        return loaded.dictionary;
    }

    @Override
    public PacketCodec codec() {
        return loaded.codec;
    }

    private synchronized void reload() {
        pendingReload = null;
        if (path == null) {
            install(Dictionary.standard(), "bundled dictionary only");
            return;
        }
        try {
            Dictionary d = Dictionary.standardWith(path);
            install(d, d.files().size() + " files from " + path + " on top of the bundled dictionary");
        } catch (DictionaryException e) {
            LOG.error("Dictionary {} refused, the dictionary in effect stays: {}", path, e.getMessage());
            // Watch what the good one read, the root and the broken file, so that the fix is seen once saved.
            java.util.List<Path> watched = new java.util.ArrayList<>(loaded.dictionary.files());
            watched.add(path);
            if (e.file() != null && !e.file().startsWith("dev/radsec/")) {
                watched.add(Path.of(e.file()));
            }
            watch(watched);
        }
    }

    private void install(Dictionary d, String what) {
        loaded = new Loaded(d);
        LOG.info("Dictionary: {} ({} attributes)", what, d.attributes().size());
        watch(d.files());
    }

    private void watch(java.util.List<Path> files) {
        if (files.isEmpty()) {
            if (watcher != null) {
                watcher.unwatch(this);
            }
            return;
        }
        try {
            if (watcher == null) {
                watcher = new NioFileWatcher("radsec-dictionary-watch");
            }
            watcher.watch(this, files, this::changed);
        } catch (java.io.IOException e) {
            LOG.warn("Changes to {} will not be seen until the configuration changes: {}", files, e.getMessage());
        }
    }

    /** A watched file changed: reload once the writes have settled. */
    private synchronized void changed() {
        if (pendingReload != null) {
            pendingReload.cancel();
        }
        pendingReload = timer.schedule(SETTLE, this::reload);
    }
}
