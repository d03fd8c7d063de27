package dev.radsec.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

/**
 * Accepts RADIUS/UDP links on a listener's address. A link is MINA's datagram session with one client address
 * and port: up from its first datagram, one packet per datagram, answers leaving from the port requests came in
 * on, down when MINA expires the session after a quiet minute or the acceptor closes.
 */
final class UdpLinkAcceptor implements Link.Acceptor {
    private static final AttributeKey LINK = new AttributeKey(UdpLinkAcceptor.class, "link");

    private final InetSocketAddress address;
    private final NioDatagramAcceptor acceptor = new NioDatagramAcceptor();

    UdpLinkAcceptor(ListenerSettings settings) {
        this.address = new InetSocketAddress(settings.address, settings.port);
        acceptor.getSessionConfig().setReceiveBufferSize(UdpLinkFactory.RECEIVE_BUFFER);
        acceptor.getSessionConfig().setReuseAddress(true);
    }

    @Override
    public void bind(Link.Listener listener) throws IOException {
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void sessionCreated(IoSession session) {
                // MINA creates the session for a new client address just before handing on its first datagram.
                Accepted link = new Accepted(session, listener);
                session.setAttribute(LINK, link);
                link.report.up(LinkInfo.plain((InetSocketAddress) session.getRemoteAddress()));
            }

            @Override
            public void messageReceived(IoSession session, Object message) {
                ((Accepted) session.getAttribute(LINK)).report.packet(UdpLinkFactory.bytes((IoBuffer) message));
            }

            @Override
            public void sessionClosed(IoSession session) {
                ((Accepted) session.getAttribute(LINK)).report.down("no datagram for a while, or the listener closed");
            }
        });
        acceptor.bind(address);
    }

    /** One client address's datagrams. */
    private static final class Accepted implements Link {
        final IoSession session;
        final LinkReporter report;

        Accepted(IoSession session, Link.Listener listener) {
            this.session = session;
            this.report = new LinkReporter(this, listener);
        }

        @Override
        public void send(byte[] packet) {
            session.write(IoBuffer.wrap(packet));
        }

        @Override
        public void close(String reason) {
            session.closeNow();
            report.down(reason);
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return acceptor.getLocalAddress();
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose();
    }
}
