package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerNames;
import dev.radsec.pki.PeerWatch;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * RadSec links: TCP with TLS (MINA's {@link SslFilter}), client certificate and trust from the PKI by name,
 * TLS 1.2+ only, SNI set to {@code tls-peer-name}, the peer's subjectAltNames checked against it (never the CN),
 * the handshake bounded by {@code tls-timeout}, and the link closed when the PKI says the peer's certificate was
 * revoked or expired.
 */
final class RadsecLinkFactory implements Link.Factory, AutoCloseable {
    private static final AttributeKey LINK = new AttributeKey(RadsecLinkFactory.class, "link");

    private final DestinationSettings settings;
    private final CredentialService pki;
    private final Scheduler timer;
    private final NioSocketConnector connector;

    RadsecLinkFactory(DestinationSettings settings, CredentialService pki, Scheduler timer, IoProcessor<NioSession> processor) {
        this.settings = settings;
        this.pki = pki;
        this.timer = timer;
        this.connector = new NioSocketConnector(processor);
        connector.setConnectTimeoutMillis(settings.tlsTimeout.toMillis());
        connector.getSessionConfig().setTcpNoDelay(true);
        SSLContext context = pki.sslContext(settings.tlsCertificate, settings.tlsTrust);
        SslFilter ssl = new PeerNamedSslFilter(context, settings.tlsPeerName);
        // MINA's non-blocking pipeline runs handshake tasks on another thread and holds application data that
        // arrives meanwhile until the next read: a TLS 1.3 client's first request would wait for more traffic.
        ssl.setUseNonBlockingPipeline(false);
        ssl.setEnabledProtocols("TLSv1.2".equals(settings.tlsMinVersion)
                ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv1.3"});
        connector.getFilterChain().addLast("tls", ssl);
        connector.setHandler(new Handler());
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

    @Override
    public Link open(Link.Listener listener) {
        RadsecLink link = new RadsecLink(listener);
        InetSocketAddress remote = new InetSocketAddress(settings.address, settings.port);
        // The initializer runs before the session starts, so every event finds its link.
        org.apache.mina.core.session.IoSessionInitializer<ConnectFuture> init = (session, future) -> {
            session.setAttribute(LINK, link);
            link.attach(session);
        };
        ConnectFuture f = settings.sourceAddress == null ? connector.connect(remote, init)
                : connector.connect(remote, new InetSocketAddress(settings.sourceAddress, 0), init);
        link.handshakeTimer = timer.schedule(settings.tlsTimeout,
                () -> link.close("TLS handshake did not complete within " + settings.tlsTimeout.getSeconds() + " s"));
        f.addListener(future -> {
            ConnectFuture cf = (ConnectFuture) future;
            if (!cf.isConnected()) {
                Throwable t = cf.getException();
                link.down("cannot connect to " + remote + ": " + (t == null ? "cancelled" : t.getMessage()));
                return;
            }
        });
        return link;
    }

    /** One RadSec connection. */
    private final class RadsecLink implements Link {
        private final Link.Listener listener;
        private final PacketFramer framer = new PacketFramer();
        private volatile IoSession session;
        private volatile boolean closed;
        private volatile boolean reported;
        private volatile String closeReason;
        volatile Scheduler.Cancellable handshakeTimer;
        private volatile PeerWatch watch;

        RadsecLink(Link.Listener listener) {
            this.listener = listener;
        }

        void attach(IoSession s) {
            session = s;
            if (closed) {
                s.closeNow();
            }
        }

        /** TLS is up: check the peer name, watch the certificate, then report. */
        void secured(IoSession s) {
            SSLSession ssl = (SSLSession) s.getAttribute(SslFilter.SSL_SECURED);
            X509Certificate[] chain;
            try {
                Certificate[] certs = ssl.getPeerCertificates();
                chain = new X509Certificate[certs.length];
                for (int i = 0; i < certs.length; i++) {
                    chain[i] = (X509Certificate) certs[i];
                }
            } catch (SSLPeerUnverifiedException | ClassCastException e) {
                close("the peer presented no certificate");
                return;
            }
            if (!PeerNames.matches(chain[0], settings.tlsPeerName)) {
                close("the peer certificate does not name '" + settings.tlsPeerName + "': it has "
                        + PeerNames.names(chain[0]));
                return;
            }
            Scheduler.Cancellable t = handshakeTimer;
            if (t != null) {
                t.cancel();
            }
            watch = pki.watchPeer(settings.tlsTrust, chain, reason -> close("peer certificate no longer valid: " + reason));
            listener.up(this, new LinkInfo(ssl.getProtocol(), ssl.getCipherSuite(), chain));
        }

        void received(IoBuffer buffer) {
            try {
                framer.feed(buffer, packet -> listener.packet(this, packet));
            } catch (PacketFramer.FramingException e) {
                close("stream unreadable: " + e.getMessage());
            }
        }

        @Override
        public void send(byte[] packet) {
            IoSession s = session;
            if (s != null && !closed) {
                // One write per packet: the TLS layer wraps each write into its own record(s).
                s.write(IoBuffer.wrap(packet));
            }
        }

        @Override
        public void close(String reason) {
            if (closeReason == null) {
                closeReason = reason;
            }
            closed = true;
            IoSession s = session;
            if (s != null) {
                s.closeNow();
            }
            // Reported here, not only from sessionClosed: MINA keeps a failed handshake's error until the next
            // read, and may never deliver the close of a session whose TLS engine is already shut.
            down(reason);
        }

        void down(String reason) {
            if (reported) {
                return;
            }
            reported = true;
            Scheduler.Cancellable t = handshakeTimer;
            if (t != null) {
                t.cancel();
            }
            PeerWatch w = watch;
            if (w != null) {
                w.close();
            }
            listener.down(this, closeReason != null ? closeReason : reason);
        }
    }

    private static final class Handler extends IoHandlerAdapter {
        @Override
        public void event(IoSession session, FilterEvent event) {
            RadsecLink link = (RadsecLink) session.getAttribute(LINK);
            if (link != null && event == SslEvent.SECURED) {
                link.secured(session);
            }
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            RadsecLink link = (RadsecLink) session.getAttribute(LINK);
            if (link != null) {
                link.received((IoBuffer) message);
            }
        }

        @Override
        public void sessionClosed(IoSession session) {
            RadsecLink link = (RadsecLink) session.getAttribute(LINK);
            if (link != null) {
                link.down("connection closed");
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            RadsecLink link = (RadsecLink) session.getAttribute(LINK);
            if (link != null) {
                link.close(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            } else {
                session.closeNow();
            }
        }
    }

    @Override
    public void close() {
        connector.dispose();
    }
}
