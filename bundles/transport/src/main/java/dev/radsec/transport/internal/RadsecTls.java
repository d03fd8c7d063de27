package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerNames;
import dev.radsec.pki.PeerWatch;
import dev.radsec.transport.internal.tls.JdkTlsEngine;
import dev.radsec.transport.internal.tls.TlsConnection;
import dev.radsec.transport.internal.tls.TlsFilter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.mina.core.session.IoSession;

/**
 * The TLS of one RadSec end, client or server, set up the same way for both: our {@link TlsFilter} on JDK engines
 * with the PKI's named certificate and trust store and TLS 1.2+ only, the handshake bounded by {@code tls-timeout}, the
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

    final TlsFilter filter;
    final Duration timeout;
    private final CredentialService pki;
    private final String trust;
    private final Scheduler timer;
    private final PeerPolicy policy;

    private RadsecTls(TlsFilter filter, Duration timeout, CredentialService pki, String trust, Scheduler timer,
                      PeerPolicy policy) {
        this.filter = filter;
        this.timeout = timeout;
        this.pki = pki;
        this.trust = trust;
        this.timer = timer;
        this.policy = policy;
    }

    /** A client's TLS: SNI and the server's subjectAltNames from {@code tls-peer-name} (never the CN). */
    static RadsecTls forDestination(DestinationSettings s, CredentialService pki, Scheduler timer) {
        boolean literal = s.tlsPeerName.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0);
        // No peer host and port for the engine: the JDK then offers no session resumption. radsecproxy 1.9.2 sets
        // no session id context and fails every resumption attempt with internal_error.
        TlsFilter filter = filter(pki.sslContext(s.tlsCertificate, s.tlsTrust), true, s.tlsMinVersion, p -> {
            if (!literal) {
                p.setServerNames(List.of(new SNIHostName(s.tlsPeerName))); // none for a literal, RFC 6066 section 3
            }
        });
        return new RadsecTls(filter, s.tlsTimeout, pki, s.tlsTrust, timer,
                peer -> PeerNames.matches(peer.peerChain[0], s.tlsPeerName) ? null
                        : "the peer certificate does not name '" + s.tlsPeerName + "': it has "
                                + PeerNames.names(peer.peerChain[0]));
    }

    /** A listener's TLS: a client certificate required, and when given, naming one of allowed-peer-names. */
    static RadsecTls forListener(ListenerSettings s, CredentialService pki, Scheduler timer) {
        TlsFilter filter = filter(pki.sslContext(s.tlsCertificate, s.tlsTrust), false, s.tlsMinVersion,
                p -> p.setNeedClientAuth(true));
        return new RadsecTls(filter, s.tlsTimeout, pki, s.tlsTrust, timer, new AllowedPeerNames(s));
    }

    /** A filter whose every connection gets a JDK engine of this end, TLS 1.2+ only, with {@code more} parameters. */
    private static TlsFilter filter(SSLContext context, boolean client, String minVersion, Consumer<SSLParameters> more) {
        return new TlsFilter(session -> {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(client);
            SSLParameters p = engine.getSSLParameters();
            p.setProtocols(protocols(minVersion));
            more.accept(p);
            engine.setSSLParameters(p);
            return new JdkTlsEngine(engine);
        });
    }

    /** TLS 1.2+ only; {@code tls-min-version = v1.3} leaves 1.3 alone. */
    private static String[] protocols(String minVersion) {
        return "TLSv1.2".equals(minVersion) ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv1.3"};
    }

    /** Runs {@code expired} unless called off within {@code tls-timeout}: a silent peer must not hold a socket. */
    Scheduler.Cancellable handshakeDeadline(Runnable expired) {
        return timer.schedule(timeout, expired);
    }

    /** The peer of a secured session, or null before the handshake completed or when it presented no certificate. */
    static LinkInfo peer(IoSession session) {
        TlsConnection tls = TlsFilter.connection(session);
        if (tls == null || !tls.isSecured()) {
            return null;
        }
        return tls.peerCertificates().map(chain -> new LinkInfo((InetSocketAddress) session.getRemoteAddress(),
                tls.protocol(), tls.cipherSuite(), chain)).orElse(null);
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
}
