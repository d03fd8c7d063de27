package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerNames;
import dev.radsec.pki.PeerWatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RadSec listener: mutual TLS with the PKI's named certificate and trust store, TLS 1.2+, the client's
 * certificate optionally required to name one of {@code allowed-peer-names}, and connections closed when the PKI
 * says a client certificate was revoked or expired. Each connection is framed by packet Length.
 */
final class RadsecListener implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RadsecListener.class);
    private static final AttributeKey FRAMER = new AttributeKey(RadsecListener.class, "framer");
    private static final AttributeKey CHAIN = new AttributeKey(RadsecListener.class, "chain");
    private static final AttributeKey WATCH = new AttributeKey(RadsecListener.class, "watch");

    private final NioSocketAcceptor acceptor;
    private final ListenerSettings settings;
    private final CredentialService pki;

    RadsecListener(ListenerSettings settings, RequestDispatcher dispatcher, CredentialService pki, Scheduler timer,
                   IoProcessor<NioSession> processor) throws IOException {
        this.settings = settings;
        this.pki = pki;
        acceptor = new NioSocketAcceptor(processor);
        acceptor.setReuseAddress(true);
        SslFilter ssl = new SslFilter(pki.sslContext(settings.tlsCertificate, settings.tlsTrust));
        ssl.setNeedClientAuth(true);
        // MINA's non-blocking pipeline runs handshake tasks on another thread and holds application data that
        // arrives meanwhile until the next read: a TLS 1.3 client's first request would wait for more traffic.
        ssl.setUseNonBlockingPipeline(false);
        ssl.setEnabledProtocols("TLSv1.2".equals(settings.tlsMinVersion)
                ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv1.3"});
        acceptor.getFilterChain().addLast("tls", ssl);
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionCreated(IoSession session) {
                session.setAttribute(FRAMER, new PacketFramer());
                // Bound the handshake like a client's tls-timeout: a silent peer must not hold a socket forever.
                timer.schedule(java.time.Duration.ofSeconds(10), () -> {
                    if (session.getAttribute(CHAIN) == null) {
                        session.closeNow();
                    }
                });
            }

            @Override
            public void event(IoSession session, FilterEvent event) {
                if (event == SslEvent.SECURED) {
                    secured(session);
                }
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                // With TLS 1.3 the client's first request can be processed before the SECURED event is.
                X509Certificate[] chain = secured(session);
                if (chain == null) {
                    return;
                }
                PacketFramer framer = (PacketFramer) session.getAttribute(FRAMER);
                InetSocketAddress remote = (InetSocketAddress) session.getRemoteAddress();
                try {
                    framer.feed((IoBuffer) message, packet -> dispatcher.received(packet, remote, chain, false,
                            answer -> session.write(IoBuffer.wrap(answer))));
                } catch (PacketFramer.FramingException e) {
                    dispatcher.counters.malformed.increment();
                    LOG.warn("Listener {}: closing the connection from {}: {}", settings.name, remote, e.getMessage());
                    session.closeNow();
                }
            }

            @Override
            public void sessionClosed(IoSession session) {
                if (session.getAttribute(CHAIN) == null) {
                    // never secured: a failed or abandoned handshake, garbage, or a refused certificate
                    dispatcher.counters.tlsRefused.increment();
                }
                PeerWatch w = (PeerWatch) session.getAttribute(WATCH);
                if (w != null) {
                    w.close();
                }
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                LOG.debug("Listener {}: connection from {}: {}", settings.name, session.getRemoteAddress(), cause.toString());
                session.closeNow();
            }
        });
        acceptor.bind(new InetSocketAddress(settings.address, settings.port));
    }

    /**
     * Checks a connection's client certificate once the handshake is done: its name against allowed-peer-names,
     * then watches it with the PKI. Idempotent.
     *
     * @return the client's chain, or {@code null} when the connection is refused (and being closed)
     */
    private X509Certificate[] secured(IoSession session) {
        synchronized (session) {
            X509Certificate[] known = (X509Certificate[]) session.getAttribute(CHAIN);
            if (known != null || session.isClosing()) {
                return known;
            }
            SSLSession tls = (SSLSession) session.getAttribute(SslFilter.SSL_SECURED);
            X509Certificate[] chain;
            try {
                Certificate[] certs = tls.getPeerCertificates();
                chain = new X509Certificate[certs.length];
                for (int i = 0; i < certs.length; i++) {
                    chain[i] = (X509Certificate) certs[i];
                }
            } catch (SSLPeerUnverifiedException | ClassCastException | NullPointerException e) {
                session.closeNow();
                return null;
            }
            if (!settings.allowedPeerNames.isEmpty()
                    && settings.allowedPeerNames.stream().noneMatch(n -> PeerNames.matches(chain[0], n))) {
                LOG.warn("Listener {}: client {} refused: its certificate names {}, none of {}", settings.name,
                        session.getRemoteAddress(), PeerNames.names(chain[0]), settings.allowedPeerNames);
                session.closeNow();
                return null;
            }
            session.setAttribute(CHAIN, chain);
            session.setAttribute(WATCH, pki.watchPeer(settings.tlsTrust, chain, reason -> {
                LOG.info("Listener {}: closing the connection from {}: {}", settings.name, session.getRemoteAddress(), reason);
                session.closeNow();
            }));
            return chain;
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return acceptor.getLocalAddress();
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(false);
    }
}
