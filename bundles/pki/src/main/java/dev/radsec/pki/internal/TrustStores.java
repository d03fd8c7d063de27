package dev.radsec.pki.internal;

import dev.radsec.common.FileWatcher;
import dev.radsec.common.Scheduler;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust stores: CA certificates and CRLs read from their files, and, with {@code crl-distribution-points}, CRLs
 * fetched over HTTP and fetched again every {@link #CRL_REFRESH} so that live peers see new revocations. A store
 * that cannot be read trusts nothing and is retried every {@link #TRUST_RETRY}. Every change is reported to the
 * listener given, which re-checks what depends on the store.
 */
final class TrustStores extends ConfiguredEntries<TrustSettings, TrustStores.TrustEntry> {
    private static final Logger LOG = LoggerFactory.getLogger(TrustStores.class);

    /** Trust stores have no retry-interval key; a broken one is retried like a certificate's default. */
    static final Duration TRUST_RETRY = Duration.ofSeconds(CertificateSettings.DEFAULT_RETRY_SECONDS);
    /** How often CRLs fetched from distribution points are fetched again, so live peers see new revocations. */
    static final Duration CRL_REFRESH = Duration.ofHours(1);

    static final class TrustEntry extends ConfiguredEntries.Entry<TrustSettings> {
        volatile TrustMaterial material;
        /** Kept across reloads so fetched CRLs stay cached; null unless crl-distribution-points is on. */
        CrlFetcher fetcher;
        Scheduler.Cancellable refresh;

        TrustEntry(String pid, TrustSettings settings) {
            super(pid, settings);
        }

        @Override
        void cancelTimers() {
            super.cancelTimers();
            cancel(refresh);
            refresh = null;
        }
    }

    /** Told the name of a store whose content changed, or which was renamed or removed. */
    private final Consumer<String> changed;

    TrustStores(Scheduler scheduler, FileWatcher watcher, Consumer<String> changed) {
        super(scheduler, watcher, TrustEntry::new);
        this.changed = changed;
    }

    @Override
    void renamed(TrustEntry e, String oldName) {
        changed.accept(oldName);
    }

    @Override
    void removed(TrustEntry e) {
        LOG.info("Trust store '{}' removed", e.name());
        changed.accept(e.name());
    }

    @Override
    void load(TrustEntry e) {
        e.cancelTimers();
        TrustSettings s = e.settings;
        TrustMaterial m;
        try {
            List<Sourced<X509Certificate>> anchors = new ArrayList<>();
            for (Path p : s.ca) {
                anchors.addAll(CertificateReader.loadAnchors(p));
            }
            List<X509Certificate> cas = anchors.stream().map(Sourced::item).distinct().toList();
            List<Sourced<X509CRL>> crls = new ArrayList<>();
            for (Path p : s.crl) {
                for (X509CRL crl : CrlReader.loadCrls(p)) {
                    requireSignedByCa(p, crl, cas);
                    crls.add(new Sourced<>(p, crl));
                }
            }
            if (s.fetchDistributionPoints && e.fetcher == null) {
                e.fetcher = new CrlFetcher(scheduler.clock());
            } else if (!s.fetchDistributionPoints) {
                e.fetcher = null;
            }
            if (e.fetcher != null) {
                e.refresh = scheduler.schedule(CRL_REFRESH, () -> refreshCrls(e));
            }
            m = new TrustMaterial(s.name, anchors, crls, s.checkRevocation, null, e.fetcher);
            LOG.info("Trust store '{}' loaded: {} CA certificate(s), {} CRL(s), revocation {}", s.name, cas.size(),
                    crls.size(), s.checkRevocation ? "checked" : "not checked");
        } catch (CredentialFileException ex) {
            m = TrustMaterial.failed(s.name, ex.getMessage());
            LOG.warn("Trust store '{}' unusable: {}; retrying in {} s", s.name, ex.getMessage(), TRUST_RETRY.getSeconds());
            e.retry = scheduler.schedule(TRUST_RETRY, () -> load(e));
        }
        e.material = m;
        changed.accept(s.name);
    }

    private void refreshCrls(TrustEntry e) {
        if (!isCurrent(e) || e.fetcher == null) {
            return;
        }
        if (e.fetcher.refresh()) {
            LOG.info("Trust store '{}': a CRL from a distribution point changed", e.name());
            changed.accept(e.name());
        }
        e.refresh = scheduler.schedule(CRL_REFRESH, () -> refreshCrls(e));
    }

    private static void requireSignedByCa(Path file, X509CRL crl, List<X509Certificate> cas) throws CredentialFileException {
        for (X509Certificate ca : cas) {
            if (ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(ca.getPublicKey());
                    return;
                } catch (GeneralSecurityException ignored) {
                    // try the next CA with this name
                }
            }
        }
        throw new CredentialFileException(file, CredentialFileException.Kind.UNREADABLE,
                file + ": the CRL of " + crl.getIssuerX500Principal().getName()
                        + " is not signed by a CA of this trust store");
    }

    /** The name of a trust store whose CRLs list {@code certificate}, or {@code null}. */
    String revokedBy(X509Certificate certificate) {
        for (TrustEntry t : named()) {
            TrustMaterial m = t.material;
            if (m != null && m.revokes(certificate)) {
                return m.name;
            }
        }
        return null;
    }

    /** The current content of the store of this name. */
    TrustMaterial material(String name) throws CertificateException {
        TrustEntry t = named(name);
        TrustMaterial m = t == null ? null : t.material;
        if (m == null) {
            throw new CertificateException("no trust store named '" + name + "'");
        }
        return m;
    }

    /** Loads the store of this name again now, if there is one: after its files were changed through the API. */
    void reload(String name) {
        TrustEntry t = named(name);
        if (t != null) {
            load(t);
        }
    }

    /** The current content of the store of this name, or {@code null}. */
    TrustMaterial current(String name) {
        TrustEntry t = named(name);
        return t == null ? null : t.material;
    }

    /** The CA certificates of the store of this name; none when there is no such store. */
    List<X509Certificate> anchors(String name) {
        TrustEntry t = named(name);
        TrustMaterial m = t == null ? null : t.material;
        return m == null ? List.of() : m.cas;
    }
}
