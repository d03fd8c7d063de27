package dev.radsec.pki.internal;

import dev.radsec.common.FileWatcher;
import dev.radsec.common.UnknownKeyWarnings;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.Scheduler;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries of one factory configuration kind (certificates, trust stores): one per PID, unique by name, their
 * files watched and reloaded {@link #RELOAD_DELAY} after a change. What an entry is and how it loads is the
 * subclass's; this class keeps the bookkeeping the two kinds share. Everything but {@link #configure}'s checks
 * runs on the {@link Scheduler}'s thread; handshakes read entries by name through the concurrent map.
 */
abstract class ConfiguredEntries<S extends NamedSettings, E extends ConfiguredEntries.Entry<S>> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredEntries.class);

    /** Coalesces the bursts of events one file replacement makes. */
    static final Duration RELOAD_DELAY = Duration.ofMillis(500);

    /** One configured entry; its timers run on the scheduler's thread. */
    abstract static class Entry<S extends NamedSettings> {
        final String pid;
        /** Written on the scheduler's thread; {@link #checkUnique} may read it on a configuring thread. */
        volatile S settings;
        Scheduler.Cancellable retry;
        Scheduler.Cancellable pendingReload;

        Entry(String pid, S settings) {
            this.pid = pid;
            this.settings = settings;
        }

        String name() {
            return settings.name;
        }

        /** Calls off every timer: a load starts them afresh, a removal must leave none. */
        void cancelTimers() {
            cancel(retry);
            cancel(pendingReload);
            retry = null;
            pendingReload = null;
        }

        static void cancel(Scheduler.Cancellable timer) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    final Scheduler scheduler;
    private final FileWatcher watcher;
    private final BiFunction<String, S, E> newEntry;
    private final Map<String, E> byPid = new ConcurrentHashMap<>();
    /** What handshakes read. */
    private final Map<String, E> byName = new ConcurrentHashMap<>();
    private final UnknownKeyWarnings unknownKeys = new UnknownKeyWarnings();

    /** @param newEntry makes the entry of a PID configured for the first time */
    ConfiguredEntries(Scheduler scheduler, FileWatcher watcher, BiFunction<String, S, E> newEntry) {
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.newEntry = newEntry;
    }

    /** Reads the entry's files and makes its new state visible; schedules its own retry. */
    abstract void load(E e);

    /** The entry was removed; its timers and watch are gone already. */
    abstract void removed(E e);

    /** The entry is about to load under a new name; {@code oldName} no longer finds it. */
    void renaming(E e, String oldName) {
    }

    /** The entry loaded under its new name. */
    void renamed(E e, String oldName) {
    }

    /**
     * Applies a configuration. A name another PID has is rejected here, with the key and reason, and whatever
     * configuration this PID had keeps running.
     */
    void configure(String pid, S s) throws InvalidConfigurationException {
        unknownKeys.warn(pid, s.unknownKeys);
        checkUnique(pid, s);
        scheduler.execute(() -> apply(pid, s));
    }

    /**
     * Refuses {@code s} when another PID has its name; a subclass adds what else must be unique among its entries
     * (a pre-shared key's identity). Called by {@link #configure} and again on the scheduler's thread before the
     * configuration is applied.
     */
    void checkUnique(String pid, S s) throws InvalidConfigurationException {
        E owner = byName.get(s.name);
        if (owner != null && !owner.pid.equals(pid)) {
            throw new InvalidConfigurationException("name", "'" + s.name + "' is already the name of " + owner.pid);
        }
    }

    private void apply(String pid, S s) {
        try {
            checkUnique(pid, s);
        } catch (InvalidConfigurationException ex) {
            // Two configurations raced for one name (or identity): the first keeps it.
            LOG.error("Configuration {} rejected: {}", pid, ex.getMessage());
            return;
        }
        E e = byPid.get(pid);
        String oldName = null;
        if (e == null) {
            e = newEntry.apply(pid, s);
            byPid.put(pid, e);
        } else if (!e.name().equals(s.name)) {
            oldName = e.name();
            byName.remove(oldName);
            renaming(e, oldName);
        }
        e.settings = s;
        byName.put(s.name, e);
        E entry = e;
        watcher.watch(entry, s.watchedPaths(), () -> scheduler.execute(() -> reloadSoon(entry)));
        load(entry);
        if (oldName != null) {
            renamed(entry, oldName);
        }
    }

    void remove(String pid) {
        scheduler.execute(() -> {
            E e = byPid.remove(pid);
            if (e == null) {
                return;
            }
            e.cancelTimers();
            watcher.unwatch(e);
            byName.remove(e.name(), e);
            removed(e);
        });
    }

    private void reloadSoon(E e) {
        if (!isCurrent(e) || e.pendingReload != null) {
            return;
        }
        e.pendingReload = scheduler.schedule(RELOAD_DELAY, () -> {
            e.pendingReload = null;
            if (isCurrent(e)) {
                load(e);
            }
        });
    }

    /** Whether {@code e} is still configured: timers of a removed or replaced entry must do nothing. */
    boolean isCurrent(E e) {
        return byPid.get(e.pid) == e;
    }

    /** The entry of this name, or {@code null}. */
    E named(String name) {
        return byName.get(name);
    }

    /** The names in use. */
    Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    /** The entries under their names; while one is being renamed, without it. */
    Collection<E> named() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** Every configured entry, also one being renamed. */
    Collection<E> configured() {
        return Collections.unmodifiableCollection(byPid.values());
    }
}
