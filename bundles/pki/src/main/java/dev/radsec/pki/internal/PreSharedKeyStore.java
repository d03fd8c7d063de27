package dev.radsec.pki.internal;

import dev.radsec.common.FileWatcher;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.Scheduler;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PskStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named TLS pre-shared keys: an inline key is ready as soon as it is configured; a {@code key-file} is read at
 * each load, and while it is missing or invalid the key is unavailable and the file is retried every
 * {@code retry-interval} and whenever it changes. Identities are unique across names. TLS engines read
 * {@link #key} without locks; nothing here logs, throws or shows a key.
 */
final class PreSharedKeyStore extends ConfiguredEntries<PskSettings, PreSharedKeyStore.PskEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(PreSharedKeyStore.class);

    static final class PskEntry extends ConfiguredEntries.Entry<PskSettings> {
        /** The usable key, or {@code null}. */
        volatile PreSharedKey key;
        volatile PskStatus status;

        PskEntry(String pid, PskSettings settings) {
            super(pid, settings);
            this.status = unavailable(settings, "not loaded yet");
        }
    }

    PreSharedKeyStore(Scheduler scheduler, FileWatcher watcher) {
        super(scheduler, watcher, PskEntry::new);
    }

    /** Names, as for every kind, and identities: a peer's identity must find one key. */
    @Override
    void checkUnique(String pid, PskSettings s) throws InvalidConfigurationException {
        super.checkUnique(pid, s);
        for (PskEntry e : configured()) {
            if (!e.pid.equals(pid) && e.settings.identity.equals(s.identity)) {
                throw new InvalidConfigurationException("identity", "'" + s.identity
                        + "' is already the identity of pre-shared key '" + e.name() + "' (" + e.pid + ")");
            }
        }
    }

    @Override
    void renaming(PskEntry e, String oldName) {
        e.key = null;
    }

    @Override
    void removed(PskEntry e) {
        e.key = null;
        LOG.info("Pre-shared key '{}' removed", e.name());
    }

    /** Takes the inline key or reads the key file; schedules the retry while the file is unusable. */
    @Override
    void load(PskEntry e) {
        e.cancelTimers();
        PskSettings s = e.settings;
        PreSharedKey loaded = s.inline;
        String problem = null;
        if (s.keyFile != null) {
            byte[] octets = null;
            try {
                octets = PskSettings.readKeyFile(s.keyFile);
                loaded = new PreSharedKey(s.name, s.identity, s.version, octets);
            } catch (CredentialFileException ex) {
                problem = ex.getMessage();
            } finally {
                if (octets != null) {
                    Arrays.fill(octets, (byte) 0);
                }
            }
        }
        if (loaded == null) {
            e.retry = scheduler.schedule(s.retryInterval, () -> load(e));
        }
        PreSharedKey before = e.key;
        PskStatus beforeStatus = e.status;
        PskStatus after = loaded != null ? available(s) : unavailable(s, problem);
        e.key = loaded;
        e.status = after;
        report(s, before, beforeStatus, loaded, after);
    }

    /** Logs only transitions, so a key file retried every 300 s does not log every 300 s. */
    private static void report(PskSettings s, PreSharedKey before, PskStatus beforeStatus, PreSharedKey loaded,
                               PskStatus after) {
        if (loaded != null) {
            if (before == null) {
                LOG.info("Pre-shared key '{}' available: identity '{}', TLS {}", s.name, s.identity, s.version.label());
            } else if (!before.equals(loaded)) {
                LOG.info("Pre-shared key '{}' changed: identity '{}', TLS {}", s.name, s.identity, s.version.label());
            }
        } else if (before != null || !beforeStatus.problem().equals(after.problem())) {
            LOG.warn("Pre-shared key '{}' unavailable: {}; retrying every {} s", s.name,
                    after.problem().orElse(""), s.retryInterval.getSeconds());
        } else {
            LOG.debug("Pre-shared key '{}' still unavailable: {}", s.name, after.problem().orElse(""));
        }
    }

    private static PskStatus available(PskSettings s) {
        return new PskStatus(s.name, Optional.of(s.identity), Optional.of(s.version), true, Optional.empty());
    }

    private static PskStatus unavailable(PskSettings s, String problem) {
        return new PskStatus(s.name, Optional.of(s.identity), Optional.of(s.version), false, Optional.of(problem));
    }

    /** The usable key of this name, as it is now. */
    Optional<PreSharedKey> key(String name) {
        PskEntry e = named(Objects.requireNonNull(name, "name"));
        return e == null ? Optional.empty() : Optional.ofNullable(e.key);
    }

    PskStatus status(String name) {
        PskEntry e = named(Objects.requireNonNull(name, "name"));
        return e != null ? e.status : new PskStatus(name, Optional.empty(), Optional.empty(), false,
                Optional.of("no pre-shared key named '" + name + "'"));
    }

    /** Every key's status, by name. */
    List<PskStatus> statuses() {
        List<PskStatus> out = new ArrayList<>();
        for (PskEntry e : named()) {
            out.add(e.status);
        }
        out.sort(Comparator.comparing(PskStatus::name));
        return out;
    }
}
