package dev.radsec.pki.internal;

import dev.radsec.common.FileWatcher;
import dev.radsec.common.Scheduler;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CertificateStatus.Reason;
import dev.radsec.pki.CredentialEvent;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local certificates: each read from its files and checked for validity and revocation; while unusable it is
 * retried every {@code retry-interval} (it never spins and never gives up), and once usable it is looked at again
 * just after its notAfter. Within {@code expiry-warning} days of its notAfter a usable one is reported expiring: on
 * each load, or when the window begins, then every {@link #EXPIRY_WARNING_REPEAT}. Handshakes read {@link #material}
 * without locks.
 */
final class LocalCertificates extends ConfiguredEntries<CertificateSettings, LocalCertificates.CertificateEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCertificates.class);
    /** How often an expiring certificate is reported again while it stays loaded. */
    static final Duration EXPIRY_WARNING_REPEAT = Duration.ofDays(1);

    static final class CertificateEntry extends ConfiguredEntries.Entry<CertificateSettings> {
        volatile CertificateStatus status;
        /** The usable chain and key, or {@code null}. Never printed. */
        volatile KeyedChain material;
        Scheduler.Cancellable expiry;
        /** The next expiry warning: at the start of the window, or a day after the last one. */
        Scheduler.Cancellable expiring;

        CertificateEntry(String pid, CertificateSettings settings) {
            super(pid, settings);
            this.status = CertificateStatus.builder(settings.name).unavailable(Reason.MISSING, "not loaded yet").build();
        }

        @Override
        void cancelTimers() {
            super.cancelTimers();
            cancel(expiry);
            cancel(expiring);
            expiry = null;
            expiring = null;
        }
    }

    /** The name of a trust store whose CRLs list a certificate, or {@code null}. */
    private final Function<X509Certificate, String> revokedBy;
    private final Consumer<CredentialEvent> events;

    LocalCertificates(Scheduler scheduler, FileWatcher watcher, Function<X509Certificate, String> revokedBy,
                      Consumer<CredentialEvent> events) {
        super(scheduler, watcher, CertificateEntry::new);
        this.revokedBy = revokedBy;
        this.events = events;
    }

    @Override
    void renaming(CertificateEntry e, String oldName) {
        events.accept(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_REMOVED, oldName));
        e.material = null;
    }

    @Override
    void removed(CertificateEntry e) {
        e.material = null;
        LOG.info("Certificate '{}' removed", e.name());
        events.accept(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_REMOVED, e.name()));
    }

    /** Reads a certificate's files and decides its status; schedules the retry or the expiry. */
    @Override
    void load(CertificateEntry e) {
        e.cancelTimers();
        CertificateSettings s = e.settings;
        Instant now = scheduler.clock().instant();
        CertificateStatus.Builder b = CertificateStatus.builder(s.name);
        KeyedChain loaded = null;
        char[] password = s.password();
        try {
            KeyedChain kc = KeyedChainReader.load(s.certificate, s.privateKey, password);
            X509Certificate leaf = kc.leaf();
            Instant notBefore = leaf.getNotBefore().toInstant();
            Instant notAfter = leaf.getNotAfter().toInstant();
            b.certificate(leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                    leaf.getSerialNumber(), notBefore, notAfter);
            String revokedIn = revokedBy.apply(leaf);
            if (now.isBefore(notBefore)) {
                b.unavailable(Reason.NOT_YET_VALID, s.certificate + ": not valid before " + notBefore);
            } else if (now.isAfter(notAfter)) {
                b.unavailable(Reason.EXPIRED, s.certificate + ": expired at " + notAfter);
            } else if (revokedIn != null) {
                b.unavailable(Reason.REVOKED, s.certificate + ": serial " + leaf.getSerialNumber().toString(16)
                        + " is revoked by a CRL of trust store '" + revokedIn + "'");
            } else {
                loaded = kc;
                // Valid through notAfter inclusive: look again just after it.
                e.expiry = scheduler.schedule(Duration.between(now, notAfter).plusSeconds(1), () -> load(e));
            }
        } catch (CredentialFileException ex) {
            b.unavailable(reasonOf(ex), ex.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        if (loaded == null) {
            b.nextRetry(now.plus(s.retryInterval));
            e.retry = scheduler.schedule(s.retryInterval, () -> load(e));
        }
        CertificateStatus before = e.status;
        KeyedChain beforeMaterial = e.material;
        CertificateStatus after = b.build();
        e.material = loaded;
        e.status = after;
        report(before, beforeMaterial, after, loaded);
        if (loaded != null) {
            warnOfExpiry(e, after, now);
        }
    }

    /** Warns now when {@code status} is within the entry's expiry-warning window, or sets a timer for its start. */
    private void warnOfExpiry(CertificateEntry e, CertificateStatus status, Instant now) {
        Duration window = e.settings.expiryWarning;
        Instant notAfter = status.notAfter().orElse(null);
        if (window.isZero() || notAfter == null) {
            return;
        }
        Instant from = notAfter.minus(window);
        if (now.isBefore(from)) {
            e.expiring = scheduler.schedule(Duration.between(now, from), () -> expiring(e, status));
        } else {
            expiring(e, status);
        }
    }

    private void expiring(CertificateEntry e, CertificateStatus status) {
        if (!isCurrent(e) || e.status != status) {
            return; // reloaded or removed meanwhile; the new load decides
        }
        Instant notAfter = status.notAfter().orElseThrow();
        long days = Math.max(0, Duration.between(scheduler.clock().instant(), notAfter).toDays());
        LOG.warn("Certificate '{}' expires at {}, in {} day(s) (expiry-warning {} days): {}", status.name(), notAfter, days,
                e.settings.expiryWarning.toDays(), status.subject().orElse(""));
        events.accept(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_EXPIRING, status.name(), status));
        e.expiring = scheduler.schedule(EXPIRY_WARNING_REPEAT, () -> expiring(e, status));
    }

    private static Reason reasonOf(CredentialFileException ex) {
        switch (ex.kind()) {
            case MISSING:
                return Reason.MISSING;
            case KEY_MISMATCH:
                return Reason.KEY_MISMATCH;
            default:
                return Reason.UNREADABLE;
        }
    }

    /** Logs and emits only transitions, so a certificate retried every 300 s does not log every 300 s. */
    private void report(CertificateStatus before, KeyedChain beforeMaterial, CertificateStatus after, KeyedChain loaded) {
        String name = after.name();
        if (after.isAvailable()) {
            if (beforeMaterial == null) {
                LOG.info("Certificate '{}' available: {}, valid until {}", name, after.subject().orElse(""),
                        after.notAfter().orElse(null));
                events.accept(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_AVAILABLE, name, after));
            } else if (!Arrays.equals(beforeMaterial.chain(), loaded.chain())
                    || !beforeMaterial.privateKey().equals(loaded.privateKey())) {
                LOG.info("Certificate '{}' changed: {}, valid until {}", name, after.subject().orElse(""),
                        after.notAfter().orElse(null));
                events.accept(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_CHANGED, name, after));
            }
        } else if (beforeMaterial != null || before.reason() != after.reason() || !before.detail().equals(after.detail())) {
            LOG.warn("Certificate '{}' unavailable ({}): {}; retrying every {} s", name,
                    after.reason().name().toLowerCase().replace('_', '-'), after.detail(), retrySeconds(name));
            events.accept(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_UNAVAILABLE, name, after));
        } else {
            LOG.debug("Certificate '{}' still unavailable: {}", name, after.detail());
        }
    }

    private long retrySeconds(String name) {
        CertificateEntry e = named(name);
        return e == null ? CertificateSettings.DEFAULT_RETRY_SECONDS : e.settings.retryInterval.getSeconds();
    }

    /** After a trust store changed: loads again the certificates it may revoke now, or no longer. */
    void recheckRevocation() {
        for (CertificateEntry c : configured()) {
            X509Certificate leaf = c.material != null ? c.material.leaf() : null;
            boolean revokedNow = leaf != null && revokedBy.apply(leaf) != null;
            boolean wasRevoked = c.status.reason() == Reason.REVOKED;
            if (revokedNow || wasRevoked) {
                load(c);
            }
        }
    }

    /** The usable chain and key of the certificate of this name, or {@code null}. */
    KeyedChain material(String name) {
        CertificateEntry e = named(name);
        return e == null ? null : e.material;
    }

    CertificateStatus status(String name) {
        CertificateEntry e = named(name);
        return e != null ? e.status
                : CertificateStatus.builder(name).unavailable(Reason.NOT_CONFIGURED, "no certificate named '" + name + "'").build();
    }

    /** Every certificate's status, by name. */
    List<CertificateStatus> statuses() {
        List<CertificateStatus> out = new ArrayList<>();
        for (CertificateEntry e : named()) {
            out.add(e.status);
        }
        out.sort(Comparator.comparing(CertificateStatus::name));
        return out;
    }
}
