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
 * the handshake bounded by {@code tls-timeout}).
 */
final class RadsecLinkAcceptor implements Link.Acceptor {
    private static final Logger LOG = LoggerFactory.getLogger(RadsecLinkAcceptor.class);

    private final ListenerSettings settings;
    private final RadsecTls tls;
    private final NioSocketAcceptor acceptor;

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
        this.tls = RadsecTls.forListener(settings, pki, psks, secrets, timer);
        this.acceptor = new NioSocketAcceptor(processor);
        acceptor.setReuseAddress(true);
        acceptor.getFilterChain().addLast("tls", tls.filter);
    }

    @Override
    public void bind(Link.Listener listener) throws IOException {
        acceptor.setHandler(new RadsecLink.Events() {
            @Override
            public void sessionCreated(IoSession session) {
                RadsecLink.start(listener, tls).attach(session);
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                LOG.debug("Listener {}: connection from {}: {}", settings.name, session.getRemoteAddress(), cause.toString());
                super.exceptionCaught(session, cause);
            }
        });
        acceptor.bind(new InetSocketAddress(settings.address, settings.port));
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
