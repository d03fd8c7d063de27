package dev.radsec.pki.internal;

import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CertificateStatus.Reason;
import dev.radsec.pki.CredentialEvent;
import dev.radsec.pki.CredentialListener;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerInvalidatedListener;
import dev.radsec.pki.PeerWatch;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.time.Clock;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential store behind {@link CredentialService}. Configuration changes, file changes, retries and expiry
 * all run on the {@link Scheduler}'s single thread, so state changes are serial; readers (handshakes) see
 * immutable snapshots through concurrent maps.
 */
@Component(service = {CredentialService.class, CredentialRegistry.class}, immediate = true)
public final class CredentialRegistry implements CredentialService {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRegistry.class);
    /** Coalesces the bursts of events one file replacement makes. */
    static final Duration RELOAD_DELAY = Duration.ofMillis(500);
    /** Trust stores have no retry-interval key; a broken one is retried like a certificate's default. */
    static final Duration TRUST_RETRY = Duration.ofSeconds(CertificateSettings.DEFAULT_RETRY_SECONDS);
    /** How often CRLs fetched from distribution points are fetched again, so live peers see new revocations. */
    static final Duration CRL_REFRESH = Duration.ofHours(1);

    private Scheduler scheduler;
    private FileWatcher watcher;
    private Path base;

    /** By configuration PID. */
    private final Map<String, CertificateEntry> certificatesByPid = new ConcurrentHashMap<>();
    private final Map<String, TrustEntry> trustsByPid = new ConcurrentHashMap<>();
    /** By name: what handshakes read. */
    private final Map<String, CertificateEntry> certificates = new ConcurrentHashMap<>();
    private final java.util.Set<String> warnedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, TrustEntry> trusts = new ConcurrentHashMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final List<CredentialListener> listeners = new CopyOnWriteArrayList<>();

    /** A usable certificate chain and its key. Never printed. */
    static final class Material {
        final X509Certificate[] chain;
        final PrivateKey key;

        Material(X509Certificate[] chain, PrivateKey key) {
            this.chain = chain;
            this.key = key;
        }

        @Override
        public String toString() {
            return "Material(" + chain[0].getSubjectX500Principal().getName() + ")";
        }
    }

    private final class CertificateEntry {
        final String pid;
        CertificateSettings settings;
        volatile CertificateStatus status;
        volatile Material material;
        Scheduler.Cancellable retry;
        Scheduler.Cancellable expiry;
        Scheduler.Cancellable pendingReload;

        CertificateEntry(String pid, CertificateSettings settings) {
            this.pid = pid;
            this.settings = settings;
            this.status = CertificateStatus.builder(settings.name).unavailable(Reason.MISSING, "not loaded yet").build();
        }

        void cancelTimers() {
            for (Scheduler.Cancellable c : new Scheduler.Cancellable[] {retry, expiry, pendingReload}) {
                if (c != null) {
                    c.cancel();
                }
            }
            retry = null;
            expiry = null;
            pendingReload = null;
        }
    }

    private final class TrustEntry {
        final String pid;
        TrustSettings settings;
        volatile TrustMaterial material;
        /** Kept across reloads so fetched CRLs stay cached; null unless crl-distribution-points is on. */
        CrlFetcher fetcher;
        Scheduler.Cancellable retry;
        Scheduler.Cancellable pendingReload;
        Scheduler.Cancellable refresh;

        TrustEntry(String pid, TrustSettings settings) {
            this.pid = pid;
            this.settings = settings;
        }

        void cancelTimers() {
            for (Scheduler.Cancellable c : new Scheduler.Cancellable[] {retry, pendingReload, refresh}) {
                if (c != null) {
                    c.cancel();
                }
            }
            retry = null;
            pendingReload = null;
            refresh = null;
        }
    }

    /** A watched peer chain of a live connection. */
    private final class Watch implements PeerWatch {
        final String trustName;
        final X509Certificate[] chain;
        final PeerInvalidatedListener listener;
        final AtomicBoolean done = new AtomicBoolean();
        volatile Scheduler.Cancellable expiry;

        Watch(String trustName, X509Certificate[] chain, PeerInvalidatedListener listener) {
            this.trustName = trustName;
            this.chain = chain.clone();
            this.listener = listener;
        }

        void invalidate(String reason) {
            if (done.compareAndSet(false, true)) {
                close();
                LOG.info("Peer {} is no longer valid: {}", chain[0].getSubjectX500Principal().getName(), reason);
                try {
                    listener.peerInvalidated(reason);
                } catch (RuntimeException e) {
                    LOG.warn("A peer-invalidated listener failed", e);
                }
            }
        }

        @Override
        public void close() {
            done.set(true);
            watches.remove(this);
            Scheduler.Cancellable e = expiry;
            if (e != null) {
                e.cancel();
            }
        }
    }

    /** For tests and plain-Java use: the caller owns the scheduler and watcher. */
    public CredentialRegistry(Scheduler scheduler, FileWatcher watcher, Path base) {
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.base = base;
    }

    /** For Declarative Services, which then calls {@link #activate}. */
    public CredentialRegistry() {
    }

    @Activate
    void activate(BundleContext context) throws IOException {
        base = KarafPaths.etc(context);
        scheduler = new ExecutorScheduler(Clock.systemUTC(), "radsec-pki");
        watcher = new NioFileWatcher("radsec-pki-watcher");
    }

    @Deactivate
    void deactivate() {
        watcher.close();
        ((ExecutorScheduler) scheduler).close();
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Applies a local certificate configuration. An invalid one is rejected with the key and reason, and whatever
     * configuration this PID had keeps running.
     */
    public void certificateConfigured(String pid, Map<String, ?> properties) throws InvalidConfigurationException {
        CertificateSettings s = CertificateSettings.parse(properties, base);
        warnUnknown(pid, s.unknownKeys);
        CertificateEntry owner = certificates.get(s.name);
        if (owner != null && !owner.pid.equals(pid)) {
            throw new InvalidConfigurationException("name", "'" + s.name + "' is already the name of " + owner.pid);
        }
        scheduler.execute(() -> applyCertificate(pid, s));
    }

    private void applyCertificate(String pid, CertificateSettings s) {
        CertificateEntry owner = certificates.get(s.name);
        if (owner != null && !owner.pid.equals(pid)) {
            // Two configurations raced for one name: the first keeps it.
            LOG.error("Configuration {} rejected: name: '{}' is already the name of {}", pid, s.name, owner.pid);
            return;
        }
        CertificateEntry e = certificatesByPid.get(pid);
        if (e == null) {
            e = new CertificateEntry(pid, s);
            certificatesByPid.put(pid, e);
        } else if (!e.settings.name.equals(s.name)) {
            certificates.remove(e.settings.name);
            emit(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_REMOVED, e.settings.name, null));
            e.material = null;
        }
        e.settings = s;
        certificates.put(s.name, e);
        CertificateEntry entry = e;
        watcher.watch(entry, watchedFiles(s), () -> scheduler.execute(() -> reloadSoon(entry)));
        load(entry);
    }

    public void certificateRemoved(String pid) {
        scheduler.execute(() -> {
            CertificateEntry e = certificatesByPid.remove(pid);
            if (e == null) {
                return;
            }
            e.cancelTimers();
            watcher.unwatch(e);
            certificates.remove(e.settings.name, e);
            e.material = null;
            LOG.info("Certificate '{}' removed", e.settings.name);
            emit(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_REMOVED, e.settings.name, null));
        });
    }

    /** Once per configuration and key: a typo must not fail silently, nor fill the log at every change. */
    private void warnUnknown(String pid, List<String> keys) {
        for (String key : keys) {
            if (warnedKeys.add(pid + '\n' + key)) {
                LOG.warn("Configuration {}: key '{}' is not one of ours and is ignored (a typo?)", pid, key);
            }
        }
    }

    /** Applies a trust store configuration; invalid ones are rejected as for certificates. */
    public void trustConfigured(String pid, Map<String, ?> properties) throws InvalidConfigurationException {
        TrustSettings s = TrustSettings.parse(properties, base);
        warnUnknown(pid, s.unknownKeys);
        TrustEntry owner = trusts.get(s.name);
        if (owner != null && !owner.pid.equals(pid)) {
            throw new InvalidConfigurationException("name", "'" + s.name + "' is already the name of " + owner.pid);
        }
        scheduler.execute(() -> applyTrust(pid, s));
    }

    private void applyTrust(String pid, TrustSettings s) {
        TrustEntry owner = trusts.get(s.name);
        if (owner != null && !owner.pid.equals(pid)) {
            LOG.error("Configuration {} rejected: name: '{}' is already the name of {}", pid, s.name, owner.pid);
            return;
        }
        TrustEntry e = trustsByPid.get(pid);
        String oldName = null;
        if (e == null) {
            e = new TrustEntry(pid, s);
            trustsByPid.put(pid, e);
        } else if (!e.settings.name.equals(s.name)) {
            oldName = e.settings.name;
            trusts.remove(oldName);
        }
        e.settings = s;
        trusts.put(s.name, e);
        TrustEntry entry = e;
        watcher.watch(entry, s.watchedPaths(), () -> scheduler.execute(() -> reloadSoon(entry)));
        loadTrust(entry);
        if (oldName != null) {
            trustChanged(oldName);
        }
    }

    public void trustRemoved(String pid) {
        scheduler.execute(() -> {
            TrustEntry e = trustsByPid.remove(pid);
            if (e == null) {
                return;
            }
            e.cancelTimers();
            watcher.unwatch(e);
            trusts.remove(e.settings.name, e);
            LOG.info("Trust store '{}' removed", e.settings.name);
            trustChanged(e.settings.name);
        });
    }

    private static List<Path> watchedFiles(CertificateSettings s) {
        List<Path> files = new ArrayList<>();
        files.add(s.certificate);
        if (s.privateKey != null) {
            files.add(s.privateKey);
        }
        return files;
    }

    // ---------------------------------------------------------------- loading

    private void reloadSoon(CertificateEntry e) {
        if (certificatesByPid.get(e.pid) != e || e.pendingReload != null) {
            return;
        }
        e.pendingReload = scheduler.schedule(RELOAD_DELAY, () -> {
            e.pendingReload = null;
            if (certificatesByPid.get(e.pid) == e) {
                load(e);
            }
        });
    }

    private void reloadSoon(TrustEntry e) {
        if (trustsByPid.get(e.pid) != e || e.pendingReload != null) {
            return;
        }
        e.pendingReload = scheduler.schedule(RELOAD_DELAY, () -> {
            e.pendingReload = null;
            if (trustsByPid.get(e.pid) == e) {
                loadTrust(e);
            }
        });
    }

    /** Reads a certificate's files and decides its status; schedules the retry or the expiry. */
    private void load(CertificateEntry e) {
        e.cancelTimers();
        CertificateSettings s = e.settings;
        Instant now = scheduler.clock().instant();
        CertificateStatus.Builder b = CertificateStatus.builder(s.name);
        Material loaded = null;
        char[] password = s.password();
        try {
            var kc = CredentialFiles.loadKeyedChain(s.certificate, s.privateKey, password);
            X509Certificate leaf = kc.chain()[0];
            Instant notBefore = leaf.getNotBefore().toInstant();
            Instant notAfter = leaf.getNotAfter().toInstant();
            b.certificate(leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                    leaf.getSerialNumber(), notBefore, notAfter);
            String revokedBy = revokedBy(leaf);
            if (now.isBefore(notBefore)) {
                b.unavailable(Reason.NOT_YET_VALID, s.certificate + ": not valid before " + notBefore);
            } else if (now.isAfter(notAfter)) {
                b.unavailable(Reason.EXPIRED, s.certificate + ": expired at " + notAfter);
            } else if (revokedBy != null) {
                b.unavailable(Reason.REVOKED, s.certificate + ": serial " + leaf.getSerialNumber().toString(16)
                        + " is revoked by a CRL of trust store '" + revokedBy + "'");
            } else {
                loaded = new Material(kc.chain(), kc.privateKey());
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
        Material beforeMaterial = e.material;
        CertificateStatus after = b.build();
        e.material = loaded;
        e.status = after;
        report(before, beforeMaterial, after, loaded);
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
    private void report(CertificateStatus before, Material beforeMaterial, CertificateStatus after, Material loaded) {
        String name = after.name();
        if (after.isAvailable()) {
            if (beforeMaterial == null) {
                LOG.info("Certificate '{}' available: {}, valid until {}", name, after.subject().orElse(""),
                        after.notAfter().orElse(null));
                emit(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_AVAILABLE, name, after));
            } else if (!Arrays.equals(beforeMaterial.chain, loaded.chain) || !beforeMaterial.key.equals(loaded.key)) {
                LOG.info("Certificate '{}' changed: {}, valid until {}", name, after.subject().orElse(""),
                        after.notAfter().orElse(null));
                emit(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_CHANGED, name, after));
            }
        } else if (beforeMaterial != null || before.reason() != after.reason() || !before.detail().equals(after.detail())) {
            LOG.warn("Certificate '{}' unavailable ({}): {}; retrying every {} s", name,
                    after.reason().name().toLowerCase().replace('_', '-'), after.detail(), certificateRetrySeconds(name));
            emit(new CredentialEvent(CredentialEvent.Kind.CERTIFICATE_UNAVAILABLE, name, after));
        } else {
            LOG.debug("Certificate '{}' still unavailable: {}", name, after.detail());
        }
    }

    private long certificateRetrySeconds(String name) {
        CertificateEntry e = certificates.get(name);
        return e == null ? CertificateSettings.DEFAULT_RETRY_SECONDS : e.settings.retryInterval.getSeconds();
    }

    /** The name of a trust store whose CRLs list {@code certificate}, or {@code null}. */
    private String revokedBy(X509Certificate certificate) {
        for (TrustEntry t : trusts.values()) {
            TrustMaterial m = t.material;
            if (m != null && m.revokes(certificate)) {
                return m.name;
            }
        }
        return null;
    }

    private void loadTrust(TrustEntry e) {
        e.cancelTimers();
        TrustSettings s = e.settings;
        TrustMaterial m;
        try {
            List<X509Certificate> cas = new ArrayList<>();
            for (Path p : s.ca) {
                cas.addAll(CredentialFiles.loadCaCertificates(p));
            }
            List<X509CRL> crls = new ArrayList<>();
            for (Path p : s.crl) {
                for (X509CRL crl : CredentialFiles.loadCrls(p)) {
                    requireSignedByCa(p, crl, cas);
                    crls.add(crl);
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
            m = new TrustMaterial(s.name, cas, crls, s.checkRevocation, null, e.fetcher);
            LOG.info("Trust store '{}' loaded: {} CA certificate(s), {} CRL(s), revocation {}", s.name, cas.size(),
                    crls.size(), s.checkRevocation ? "checked" : "not checked");
        } catch (CredentialFileException ex) {
            m = TrustMaterial.failed(s.name, ex.getMessage());
            LOG.warn("Trust store '{}' unusable: {}; retrying in {} s", s.name, ex.getMessage(), TRUST_RETRY.getSeconds());
            e.retry = scheduler.schedule(TRUST_RETRY, () -> loadTrust(e));
        }
        e.material = m;
        trustChanged(s.name);
    }

    private void refreshCrls(TrustEntry e) {
        if (trustsByPid.get(e.pid) != e || e.fetcher == null) {
            return;
        }
        if (e.fetcher.refresh()) {
            LOG.info("Trust store '{}': a CRL from a distribution point changed", e.settings.name);
            trustChanged(e.settings.name);
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

    /** After a trust store changed: tell listeners, re-check live peers, and re-check local certificates' revocation. */
    private void trustChanged(String name) {
        emit(new CredentialEvent(CredentialEvent.Kind.TRUST_CHANGED, name, null));
        Instant now = scheduler.clock().instant();
        for (Watch w : watches) {
            if (!w.trustName.equals(name)) {
                continue;
            }
            try {
                trustMaterial(name).validate(w.chain, now);
            } catch (CertificateException ex) {
                w.invalidate(ex.getMessage());
            }
        }
        for (CertificateEntry c : certificatesByPid.values()) {
            X509Certificate leaf = c.material != null ? c.material.chain[0] : null;
            boolean revokedNow = leaf != null && revokedBy(leaf) != null;
            boolean wasRevoked = c.status.reason() == Reason.REVOKED;
            if (revokedNow || wasRevoked) {
                load(c);
            }
        }
    }

    private TrustMaterial trustMaterial(String name) throws CertificateException {
        TrustEntry t = trusts.get(name);
        TrustMaterial m = t == null ? null : t.material;
        if (m == null) {
            throw new CertificateException("no trust store named '" + name + "'");
        }
        return m;
    }

    private void emit(CredentialEvent event) {
        for (CredentialListener l : listeners) {
            try {
                l.credentialChanged(event);
            } catch (RuntimeException ex) {
                LOG.warn("A credential listener failed on {}", event, ex);
            }
        }
    }

    // ---------------------------------------------------------------- CredentialService

    Material material(String certificateName) {
        CertificateEntry e = certificates.get(certificateName);
        return e == null ? null : e.material;
    }

    @Override
    public CertificateStatus certificate(String name) {
        CertificateEntry e = certificates.get(name);
        return e != null ? e.status
                : CertificateStatus.builder(name).unavailable(Reason.NOT_CONFIGURED, "no certificate named '" + name + "'").build();
    }

    @Override
    public List<CertificateStatus> certificates() {
        List<CertificateStatus> out = new ArrayList<>();
        for (CertificateEntry e : certificates.values()) {
            out.add(e.status);
        }
        out.sort(Comparator.comparing(CertificateStatus::name));
        return out;
    }

    @Override
    public List<String> trustStores() {
        List<String> names = new ArrayList<>(trusts.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public List<X509Certificate> trustAnchors(String trustName) {
        TrustEntry t = trusts.get(trustName);
        TrustMaterial m = t == null ? null : t.material;
        return m == null ? List.of() : m.cas;
    }

    @Override
    public X509ExtendedKeyManager keyManager(String certificateName) {
        return new NamedKeyManager(this, certificateName);
    }

    @Override
    public X509ExtendedTrustManager trustManager(String trustName) {
        return new NamedTrustManager(this, trustName);
    }

    @Override
    public SSLContext sslContext(String certificateName, String trustName) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] km = certificateName == null ? null : new KeyManager[] {keyManager(certificateName)};
            context.init(km, new TrustManager[] {trustManager(trustName)}, null);
            return context;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("the JDK provides TLS", e);
        }
    }

    @Override
    public void validatePeer(String trustName, X509Certificate[] chain) throws CertificateException {
        trustMaterial(trustName).validate(chain, scheduler.clock().instant());
    }

    @Override
    public PeerWatch watchPeer(String trustName, X509Certificate[] chain, PeerInvalidatedListener listener) {
        Watch w = new Watch(trustName, chain, listener);
        watches.add(w);
        X509Certificate first = Arrays.stream(chain).min(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
        Instant notAfter = first.getNotAfter().toInstant();
        Duration untilExpiry = Duration.between(scheduler.clock().instant(), notAfter).plusSeconds(1);
        w.expiry = scheduler.schedule(untilExpiry, () -> w.invalidate(
                first.getSubjectX500Principal().getName() + " expired at " + notAfter));
        return w;
    }

    @Override
    public void addListener(CredentialListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(CredentialListener listener) {
        listeners.remove(listener);
    }
}
