package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PreSharedKeys;
import java.net.InetSocketAddress;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.IoSessionInitializer;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

/**
 * RadSec links to one destination: TCP with the client side of {@link RadsecTls} (client certificate and trust
 * from the PKI by name, SNI and subjectAltNames from {@code tls-peer-name}, the connect and the handshake each
 * bounded by {@code tls-timeout}).
 */
final class RadsecLinkFactory implements Link.Factory, AutoCloseable {
    private final DestinationSettings settings;
    private final RadsecTls tls;
    private final NioSocketConnector connector;

    RadsecLinkFactory(DestinationSettings settings, CredentialService pki, Scheduler timer, IoProcessor<NioSession> processor) {
        this(settings, pki, NoPreSharedKeys.INSTANCE, timer, processor);
    }

    RadsecLinkFactory(DestinationSettings settings, CredentialService pki, PreSharedKeys psks, Scheduler timer,
            IoProcessor<NioSession> processor) {
        this(settings, pki, psks, new ConfiguredSecrets(), timer, processor);
    }

    RadsecLinkFactory(DestinationSettings settings, CredentialService pki, PreSharedKeys psks, ConfiguredSecrets secrets, Scheduler timer,
            IoProcessor<NioSession> processor) {
        this.settings = settings;
        this.tls = RadsecTls.forDestination(settings, pki, psks, secrets, timer);
        this.connector = new NioSocketConnector(processor);
        connector.setConnectTimeoutMillis(settings.tlsTimeout.toMillis());
        connector.getSessionConfig().setTcpNoDelay(true);
        connector.getFilterChain().addLast("tls", tls.filter);
        connector.setHandler(new RadsecLink.Events());
    }

    @Override
    public Link open(Link.Listener listener) {
        RadsecLink link = RadsecLink.start(listener, tls);
        InetSocketAddress remote = new InetSocketAddress(settings.address, settings.port);
        // The initializer runs before the session starts, so every event finds its link.
        IoSessionInitializer<ConnectFuture> init = (session, future) -> link.attach(session);
        ConnectFuture f = settings.sourceAddress == null ? connector.connect(remote, init)
                : connector.connect(remote, new InetSocketAddress(settings.sourceAddress, 0), init);
        f.addListener(future -> {
            ConnectFuture cf = (ConnectFuture) future;
            if (!cf.isConnected()) {
                Throwable t = cf.getException();
                link.down("cannot connect to " + remote + ": " + (t == null ? "cancelled" : t.getMessage()));
            }
        });
        return link;
    }

    @Override
    public void close() {
        connector.dispose();
    }
}
