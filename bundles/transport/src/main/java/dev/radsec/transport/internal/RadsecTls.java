package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerNames;
import dev.radsec.pki.PeerWatch;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.transport.internal.tls.JdkTlsEngine;
import dev.radsec.transport.internal.tls.PskEngines;
import dev.radsec.transport.internal.tls.TlsEngine;
import dev.radsec.transport.internal.tls.TlsConnection;
import dev.radsec.transport.internal.tls.TlsFilter;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>With {@code tls-psk} an end authenticates by a PKI pre-shared key instead (TLS-PSK, RFC 9813) on Bouncy
 * Castle's engine: a destination offers its one key, a listener lets each client's hello choose between its
 * certificate and the keys it names. The key is read at each new connection, so a changed key needs no restart.
 */
final class RadsecTls {
    private static final Logger LOG = LoggerFactory.getLogger(RadsecTls.class);

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
    /** For a destination with {@code tls-psk}: what a failed handshake most likely means, read when it fails. */
    private java.util.function.Supplier<String> pskHint;

    private RadsecTls(TlsFilter filter, Duration timeout, CredentialService pki, String trust, Scheduler timer,
                      PeerPolicy policy) {
        this.filter = filter;
        this.timeout = timeout;
        this.pki = pki;
        this.trust = trust;
        this.timer = timer;
        this.policy = policy;
    }

    /**
     * A client's TLS: with a certificate, SNI and the server's subjectAltNames from {@code tls-peer-name} (never the
     * CN); with {@code tls-psk}, the key (the handshake itself proves the server holds it).
     */
    static RadsecTls forDestination(DestinationSettings s, CredentialService pki, PreSharedKeys psks,
                                    ConfiguredSecrets secrets, Scheduler timer) {
        if (s.tlsPsk != null) {
            TlsFilter filter = new TlsFilter(session -> PskEngines.client(destinationKey(s, psks, secrets)));
            RadsecTls tls = new RadsecTls(filter, s.tlsTimeout, pki, s.tlsTrust, timer, peer -> null);
            tls.pskHint = () -> "TLS-PSK with key '" + s.tlsPsk + "', identity '"
                    + psks.status(s.tlsPsk).identity().orElse("?") + "': the server may not know this identity, may "
                    + "hold another key for it, or may not take TLS-PSK on this key's TLS version";
            return tls;
        }
        boolean literal = DestinationSettings.looksLikeAddress(s.tlsPeerName);
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

    /** The destination's key as it is now; a connection without it fails with the reason. */
    private static PreSharedKey destinationKey(DestinationSettings s, PreSharedKeys psks, ConfiguredSecrets secrets) {
        PreSharedKey key = psks.key(s.tlsPsk).orElseThrow(() -> new IllegalStateException("pre-shared key '" + s.tlsPsk
                + "' is unavailable: " + psks.status(s.tlsPsk).problem().orElse("not configured")));
        if (key.keyEquals(s.secret().getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalStateException("pre-shared key '" + s.tlsPsk + "' equals the destination's RADIUS "
                    + "secret: refused (RFC 9813 section 4.2)");
        }
        if (secrets.equalTo(key)) {
            throw new IllegalStateException("pre-shared key '" + s.tlsPsk + "' equals a RADIUS secret configured "
                    + "elsewhere: refused (RFC 9813 section 4.2)");
        }
        if (s.tlsMinVersion.equals("TLSv1.3") && key.version() != PreSharedKey.TlsVersion.TLS_1_3) {
            throw new IllegalStateException("pre-shared key '" + s.tlsPsk + "' is for TLS 1.2 and tls-min-version is v1.3");
        }
        return key;
    }

    /**
     * A listener's TLS: a client certificate required, and when given, naming one of allowed-peer-names; with
     * {@code tls-psk}, clients may instead use the identity of one of the keys it names, and the client's hello
     * decides which.
     */
    static RadsecTls forListener(ListenerSettings s, CredentialService pki, PreSharedKeys psks,
                                 ConfiguredSecrets secrets, Scheduler timer) {
        TlsFilter certificates = s.tlsCertificate == null ? null : filter(pki.sslContext(s.tlsCertificate, s.tlsTrust),
                false, s.tlsMinVersion, p -> p.setNeedClientAuth(true));
        TlsFilter filter = certificates;
        if (!s.tlsPsk.isEmpty()) {
            ListenerKeys keys = new ListenerKeys(s, psks, secrets);
            boolean tls12 = s.tlsMinVersion.equals("TLSv1.2");
            filter = new TlsFilter(session -> PskEngines.server(certificates == null ? null
                    : () -> certificates.engine(session), keys, tls12));
        }
        return new RadsecTls(filter, s.tlsTimeout, pki, s.tlsTrust, timer, new AllowedPeerNames(s));
    }

    /** The keys a listener accepts: those of its {@code tls-psk} names that are available now. */
    private static final class ListenerKeys implements PskEngines.ServerKeys {
        private final ListenerSettings settings;
        private final PreSharedKeys psks;
        private final ConfiguredSecrets secrets;

        ListenerKeys(ListenerSettings settings, PreSharedKeys psks, ConfiguredSecrets secrets) {
            this.settings = settings;
            this.psks = psks;
            this.secrets = secrets;
        }

        @Override
        public List<PreSharedKey> accepted() {
            // a key equal to a RADIUS secret is never used: not this listener's, not any other configured
            return settings.tlsPsk.stream().map(psks::key).flatMap(Optional::stream)
                    .filter(k -> settings.secret() == null
                            || !k.keyEquals(settings.secret().getBytes(StandardCharsets.UTF_8)))
                    .filter(k -> !secrets.equalTo(k)).toList();
        }

        @Override
        public Optional<PreSharedKey> byIdentity(String identity) {
            return accepted().stream().filter(k -> k.identity().equals(identity)).findFirst();
        }

        @Override
        public void refused(String shown, String reason) {
            LOG.warn("Listener {}: TLS-PSK client refused: {} '{}'", settings.name, reason, shown);
        }
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

    /**
     * Why a connection that was made never became secure, as the operator should read it: with {@code tls-psk} the
     * usual causes are the server's, which a TLS alert rarely names (FreeRADIUS 3.2 just closes), so they are listed.
     */
    String handshakeFailure(String reason) {
        return pskHint == null ? reason : reason + " (" + pskHint.get() + ")";
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
        Optional<String> psk = tls.pskIdentity();
        Optional<X509Certificate[]> chain = tls.peerCertificates();
        if (psk.isEmpty() && chain.isEmpty()) {
            return null;
        }
        return new LinkInfo((InetSocketAddress) session.getRemoteAddress(), tls.protocol(), tls.cipherSuite(),
                chain.orElse(null), psk.orElse(null));
    }

    /** @return why this end refuses {@code peer} (null: not secured or no certificate), or null to accept it */
    String refusal(LinkInfo peer) {
        if (peer == null) {
            return "the peer presented no certificate";
        }
        // a pre-shared key handshake authenticated the peer by its identity; the certificate rules do not apply
        return peer.pskIdentity != null ? null : policy.refusal(peer);
    }

    /** Watches the peer's certificate; {@code close} gets the reason once the PKI no longer accepts it. */
    PeerWatch watch(LinkInfo peer, Consumer<String> close) {
        if (peer.peerChain == null) {
            return () -> { }; // a pre-shared key: no certificate to expire or be revoked
        }
        return pki.watchPeer(trust, peer.peerChain, reason -> {
            policy.invalidated(peer, reason);
            close.accept("peer certificate no longer valid: " + reason);
        });
    }
}
