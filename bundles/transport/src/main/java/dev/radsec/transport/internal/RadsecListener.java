package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.CredentialService;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * A RadSec listener: mutual TLS with the PKI's named certificate and trust store, TLS 1.2+, the client's
 * certificate optionally required to name one of {@code allowed-peer-names}, and connections closed when the PKI
 * says a client certificate was revoked or expired. Each connection is framed by packet Length. A connection that
 * ends without a completed, accepted handshake is counted as tls-refused.
 */
final class RadsecListener implements Listener {
    private final RadsecLinkAcceptor acceptor;

    RadsecListener(ListenerSettings settings, RequestDispatcher dispatcher, CredentialService pki, Scheduler timer,
                   IoProcessor<NioSession> processor) throws IOException {
        acceptor = new RadsecLinkAcceptor(settings, pki, timer, processor);
        acceptor.bind(new AcceptedLinks(settings, dispatcher, false));
    }

    @Override
    public InetSocketAddress localAddress() {
        return acceptor.localAddress();
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
