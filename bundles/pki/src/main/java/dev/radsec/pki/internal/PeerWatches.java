package dev.radsec.pki.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.PeerInvalidatedListener;
import dev.radsec.pki.PeerWatch;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer chains of live connections: each is told, once, when its chain stops validating against its trust
 * store (a new CRL revokes it, its CA is removed) or when a certificate of it expires, so the transport can close
 * a connection that a handshake today would refuse.
 */
final class PeerWatches {
    private static final Logger LOG = LoggerFactory.getLogger(PeerWatches.class);

    private final Scheduler scheduler;
    private final TrustStores trusts;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    PeerWatches(Scheduler scheduler, TrustStores trusts) {
        this.scheduler = scheduler;
        this.trusts = trusts;
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

    /** Watches {@code chain} until it is invalidated or the returned watch is closed. */
    PeerWatch watch(String trustName, X509Certificate[] chain, PeerInvalidatedListener listener) {
        Watch w = new Watch(trustName, chain, listener);
        watches.add(w);
        X509Certificate first = Arrays.stream(chain).min(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
        Instant notAfter = first.getNotAfter().toInstant();
        Duration untilExpiry = Duration.between(scheduler.clock().instant(), notAfter).plusSeconds(1);
        w.expiry = scheduler.schedule(untilExpiry, () -> w.invalidate(
                first.getSubjectX500Principal().getName() + " expired at " + notAfter));
        return w;
    }

    /** After trust store {@code name} changed: invalidates the watched chains it no longer accepts. */
    void recheck(String name) {
        Instant now = scheduler.clock().instant();
        for (Watch w : watches) {
            if (!w.trustName.equals(name)) {
                continue;
            }
            try {
                trusts.material(name).validate(w.chain, now);
            } catch (CertificateException ex) {
                w.invalidate(ex.getMessage());
            }
        }
    }
}
