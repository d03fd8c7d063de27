package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerNames;
import dev.radsec.pki.PeerWatch;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * The TLS of one RadSec end, client or server, set up the same way for both: MINA's {@link SslFilter} with the
 * PKI's named certificate and trust store and TLS 1.2+ only, the handshake bounded by {@code tls-timeout}, the
 * peer read from the secured session and checked by the end's {@link PeerPolicy}, and the PKI watching the peer's
 * certificate for revocation and expiry while the link lasts.
 */
final class RadsecTls {
    /** What one end requires of its peer's certificate beyond the trust store, and what it logs about it. */
    interface PeerPolicy {
        /** @return why {@code peer} is refused, or null to accept it */
        String refusal(LinkInfo peer);

        /** The PKI no longer accepts the peer's certificate; the link closes next. */
        default void invalidated(LinkInfo peer, String reason) {
        }
    }

    final SslFilter filter;
    final Duration timeout;
    private final CredentialService pki;
    private final String trust;
    private final Scheduler timer;
    private final PeerPolicy policy;

    private RadsecTls(SslFilter filter, String minVersion, Duration timeout, CredentialService pki, String trust,
                      Scheduler timer, PeerPolicy policy) {
        this.filter = filter;
        this.timeout = timeout;
        this.pki = pki;
        this.trust = trust;
        this.timer = timer;
        this.policy = policy;
        // MINA's non-blocking pipeline runs handshake tasks on another thread and holds application data that
        // arrives meanwhile until the next read: a TLS 1.3 client's first request would wait for more traffic.
        filter.setUseNonBlockingPipeline(false);
        filter.setEnabledProtocols("TLSv1.2".equals(minVersion)
                ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv1.3"});
    }

    /** A client's TLS: SNI and the server's subjectAltNames from {@code tls-peer-name} (never the CN). */
    static RadsecTls forDestination(DestinationSettings s, CredentialService pki, Scheduler timer) {
        SslFilter filter = new PeerNamedSslFilter(pki.sslContext(s.tlsCertificate, s.tlsTrust), s.tlsPeerName);
        return new RadsecTls(filter, s.tlsMinVersion, s.tlsTimeout, pki, s.tlsTrust, timer,
                peer -> PeerNames.matches(peer.peerChain[0], s.tlsPeerName) ? null
                        : "the peer certificate does not name '" + s.tlsPeerName + "': it has "
                                + PeerNames.names(peer.peerChain[0]));
    }

    /** A listener's TLS: a client certificate required, and when given, naming one of allowed-peer-names. */
    static RadsecTls forListener(ListenerSettings s, CredentialService pki, Scheduler timer) {
        SslFilter filter = new SslFilter(pki.sslContext(s.tlsCertificate, s.tlsTrust));
        filter.setNeedClientAuth(true);
        return new RadsecTls(filter, s.tlsMinVersion, s.tlsTimeout, pki, s.tlsTrust, timer, new AllowedPeerNames(s));
    }

    /** Runs {@code expired} unless called off within {@code tls-timeout}: a silent peer must not hold a socket. */
    Scheduler.Cancellable handshakeDeadline(Runnable expired) {
        return timer.schedule(timeout, expired);
    }

    /**
     * The peer of a secured session, or null when it presented no certificate. With TLS 1.3 a peer's first packet
     * can be read before MINA reports the session secured; the session is then already marked secured.
     */
    static LinkInfo peer(IoSession session) {
        SSLSession tls = (SSLSession) session.getAttribute(SslFilter.SSL_SECURED);
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] certs = tls.getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[certs.length];
            for (int i = 0; i < certs.length; i++) {
                chain[i] = (X509Certificate) certs[i];
            }
            return new LinkInfo((InetSocketAddress) session.getRemoteAddress(), tls.getProtocol(), tls.getCipherSuite(), chain);
        } catch (SSLPeerUnverifiedException | ClassCastException e) {
            return null;
        }
    }

    /** @return why this end refuses {@code peer} (null: not secured or no certificate), or null to accept it */
    String refusal(LinkInfo peer) {
        return peer == null ? "the peer presented no certificate" : policy.refusal(peer);
    }

    /** Watches the peer's certificate; {@code close} gets the reason once the PKI no longer accepts it. */
    PeerWatch watch(LinkInfo peer, Consumer<String> close) {
        return pki.watchPeer(trust, peer.peerChain, reason -> {
            policy.invalidated(peer, reason);
            close.accept("peer certificate no longer valid: " + reason);
        });
    }

    /** Sets SNI from the configured peer name (an address literal gets none, RFC 6066 section 3). */
    private static final class PeerNamedSslFilter extends SslFilter {
        private final String peerName;

        PeerNamedSslFilter(SSLContext context, String peerName) {
            super(context);
            this.peerName = peerName;
        }

        @Override
        protected SSLEngine createEngine(IoSession session, InetSocketAddress addr) {
            // No peer host and port: the JDK then offers no session resumption. radsecproxy 1.9.2 sets no session
            // id context and fails every resumption attempt with internal_error.
            SSLEngine engine = super.createEngine(session, null);
            if (!peerName.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0)) {
                SSLParameters p = engine.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(peerName)));
                engine.setSSLParameters(p);
            }
            return engine;
        }
    }
}
