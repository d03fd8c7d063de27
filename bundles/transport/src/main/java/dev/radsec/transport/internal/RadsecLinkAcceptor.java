package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PreSharedKeys;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts RadSec links on a listener's address: TCP with the server side of {@link RadsecTls} (the listener's
 * certificate and trust store, a client certificate required and checked against {@code allowed-peer-names},
 * the handshake bounded by {@code tls-timeout}). At most {@code max-sessions} connections at once: one beyond is
 * closed as it is accepted, before any TLS work, and counts as refused. A connection on which nothing arrived for
 * {@code idle-timeout} is closed ({@link QuietLinks}).
 */
final class RadsecLinkAcceptor implements Link.Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RadsecLinkAcceptor.class);

    private final ListenerSettings settings;
    private final RadsecTls tls;
    private final NioSocketAcceptor acceptor;
    private final Scheduler timer;
    private volatile QuietLinks quiet;
    /** Whether the last connection accepted found the listener full: logged once per time it fills up. */
    private final java.util.concurrent.atomic.AtomicBoolean full = new java.util.concurrent.atomic.AtomicBoolean();

    RadsecLinkAcceptor(ListenerSettings settings, CredentialService pki, Scheduler timer, IoProcessor<NioSession> processor) {
        this(settings, pki, NoPreSharedKeys.INSTANCE, timer, processor);
    }

    RadsecLinkAcceptor(ListenerSettings settings, CredentialService pki, PreSharedKeys psks, Scheduler timer,
            IoProcessor<NioSession> processor) {
        this(settings, pki, psks, new ConfiguredSecrets(), timer, processor);
    }

    RadsecLinkAcceptor(ListenerSettings settings, CredentialService pki, PreSharedKeys psks, ConfiguredSecrets secrets, Scheduler timer,
            IoProcessor<NioSession> processor) {
        this.settings = settings;
        this.timer = timer;
        this.tls = RadsecTls.forListener(settings, pki, psks, secrets, timer);
        this.acceptor = new NioSocketAcceptor(processor);
        acceptor.setReuseAddress(true);
        acceptor.getFilterChain().addLast("tls", tls.filter);
    }

    @Override
    public void bind(Link.Listener listener) throws IOException {
        QuietLinks links = new QuietLinks(listener, timer, settings.idleTimeout);
        quiet = links;
        acceptor.setHandler(new RadsecLink.Events() {
            @Override
            public void sessionCreated(IoSession session) {
                RadsecLink.start(links, tls).attach(session);
                int open = acceptor.getManagedSessionCount();
                if (open > settings.maxSessions) {
                    if (full.compareAndSet(false, true)) {
                        LOG.warn("Listener {}: {} connections, more than max-sessions ({}): new ones are closed at "
                                + "once and counted as refused", settings.name, open, settings.maxSessions);
                    }
                    session.closeNow(); // before any TLS work: the link reports down, never up
                } else if (open < settings.maxSessions * 9L / 10) {
                    full.set(false);
                }
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                LOG.debug("Listener {}: connection from {}: {}", settings.name, session.getRemoteAddress(), cause.toString());
                super.exceptionCaught(session, cause);
            }
        });
        acceptor.bind(new InetSocketAddress(settings.address, settings.port));
    }

    /** The connections open now, handshaking or up. */
    int connections() {
        return acceptor.getManagedSessionCount();
    }

    @Override
    public InetSocketAddress localAddress() {
        return acceptor.getLocalAddress();
    }

    @Override
    public void close() {
        QuietLinks q = quiet;
        if (q != null) {
            q.close();
        }
        acceptor.unbind();
        acceptor.dispose(false);
    }
}
