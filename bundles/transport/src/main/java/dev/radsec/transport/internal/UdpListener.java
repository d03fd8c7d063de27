package dev.radsec.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A RADIUS/UDP listener: one datagram is one packet; answers leave from the port the request came in on. */
final class UdpListener implements Listener {
    private final UdpLinkAcceptor acceptor;

    UdpListener(ListenerSettings settings, RequestDispatcher dispatcher) throws IOException {
        acceptor = new UdpLinkAcceptor(settings);
        acceptor.bind(new AcceptedLinks(settings, dispatcher, true));
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
