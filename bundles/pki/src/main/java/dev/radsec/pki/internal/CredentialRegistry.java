package dev.radsec.pki.internal;

import dev.radsec.common.NioFileWatcher;
import dev.radsec.common.FileWatcher;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.Scheduler;
import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CredentialEvent;
import dev.radsec.pki.CredentialListener;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerInvalidatedListener;
import dev.radsec.pki.PeerWatch;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.PskStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential store behind {@link CredentialService} and {@link PreSharedKeys}: {@link LocalCertificates},
 * {@link TrustStores}, {@link PeerWatches} and {@link PreSharedKeyStore}, tied together here (a trust store change
 * re-checks live peers and the revocation of local certificates). Configuration changes, file changes, retries and
 * expiry all run on the {@link Scheduler}'s single thread, so state changes are serial; readers (handshakes) see
 * immutable snapshots through concurrent maps.
 */
@Component(service = {CredentialService.class, PreSharedKeys.class, CredentialRegistry.class}, immediate = true)
public final class CredentialRegistry implements CredentialService, PreSharedKeys {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRegistry.class);

    private Scheduler scheduler;
    private FileWatcher watcher;
    private Path base;
    private TrustStores trusts;
    private LocalCertificates certificates;
    private PeerWatches peers;
    private PreSharedKeyStore psks;
    private final List<CredentialListener> listeners = new CopyOnWriteArrayList<>();

    /** For tests and plain-Java use: the caller owns the scheduler and watcher. */
    public CredentialRegistry(Scheduler scheduler, FileWatcher watcher, Path base) {
        start(scheduler, watcher, base);
    }

    /** For Declarative Services, which then calls {@link #activate}. */
    public CredentialRegistry() {
    }

    @Activate
    void activate(BundleContext context) throws IOException {
        Path etc = KarafPaths.etc(context);
        start(new ExecutorScheduler(Clock.systemUTC(), "radsec-pki"), new NioFileWatcher("radsec-pki-watcher"), etc);
    }

    private void start(Scheduler scheduler, FileWatcher watcher, Path base) {
        this.scheduler = scheduler;
        this.watcher = watcher;
        this.base = base;
        trusts = new TrustStores(scheduler, watcher, this::trustChanged);
        certificates = new LocalCertificates(scheduler, watcher, trusts::revokedBy, this::emit);
        peers = new PeerWatches(scheduler, trusts);
        psks = new PreSharedKeyStore(scheduler, watcher);
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
        certificates.configure(pid, CertificateSettings.parse(properties, base));
    }

    public void certificateRemoved(String pid) {
        certificates.remove(pid);
    }

    /** Applies a trust store configuration; invalid ones are rejected as for certificates. */
    public void trustConfigured(String pid, Map<String, ?> properties) throws InvalidConfigurationException {
        trusts.configure(pid, TrustSettings.parse(properties, base));
    }

    public void trustRemoved(String pid) {
        trusts.remove(pid);
    }

    /**
     * Applies a pre-shared key configuration ({@code dev.radsec.pki.psk}). An invalid one is rejected with the key
     * and reason, never quoting the key, and whatever configuration this PID had keeps running.
     */
    public void pskConfigured(String pid, Map<String, ?> properties) throws InvalidConfigurationException {
        psks.configure(pid, PskSettings.parse(properties, base));
    }

    public void pskRemoved(String pid) {
        psks.remove(pid);
    }

    /** After a trust store changed: tell listeners, re-check live peers, and re-check local certificates' revocation. */
    private void trustChanged(String name) {
        emit(new CredentialEvent(CredentialEvent.Kind.TRUST_CHANGED, name));
        peers.recheck(name);
        certificates.recheckRevocation();
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

    /** The usable chain and key of a certificate, or {@code null}: what {@link NamedKeyManager} presents. */
    KeyedChain material(String certificateName) {
        return certificates.material(certificateName);
    }

    @Override
    public CertificateStatus certificate(String name) {
        return certificates.status(name);
    }

    @Override
    public List<CertificateStatus> certificates() {
        return certificates.statuses();
    }

    @Override
    public List<String> trustStores() {
        List<String> names = new ArrayList<>(trusts.names());
        names.sort(null);
        return names;
    }

    @Override
    public List<X509Certificate> trustAnchors(String trustName) {
        return trusts.anchors(trustName);
    }

    // ---------------------------------------------------------------- for TrustAnchors

    /** The PKI's clock: what validity is judged by. */
    Clock clock() {
        return scheduler.clock();
    }

    /** Karaf's etc directory, against which configured paths resolve. */
    Path base() {
        return base;
    }

    /** The loaded content of a trust store, or {@code null} when no store has that name. */
    TrustMaterial trustMaterial(String trustName) {
        return trusts.current(trustName);
    }

    /** Loads a trust store again now (after its files were changed through the API), on the PKI's thread. */
    void reloadTrust(String trustName) {
        scheduler.execute(() -> trusts.reload(trustName));
    }

    /**
     * Waits until the work handed to the PKI's thread so far (configurations, reloads) is done, at most {@code max}:
     * so that a change made through the API is visible when the call returns.
     *
     * @return whether it was done in time
     */
    boolean settle(Duration max) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> done.complete(null));
        try {
            done.get(max.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
        trusts.material(trustName).validate(chain, scheduler.clock().instant());
    }

    @Override
    public PeerWatch watchPeer(String trustName, X509Certificate[] chain, PeerInvalidatedListener listener) {
        return peers.watch(trustName, chain, listener);
    }

    @Override
    public void addListener(CredentialListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(CredentialListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- PreSharedKeys

    @Override
    public Optional<PreSharedKey> key(String name) {
        return psks.key(name);
    }

    @Override
    public PskStatus status(String name) {
        return psks.status(name);
    }

    @Override
    public List<PskStatus> statuses() {
        return psks.statuses();
    }
}
