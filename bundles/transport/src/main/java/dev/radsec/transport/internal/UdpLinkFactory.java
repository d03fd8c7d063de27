package dev.radsec.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.session.IoSessionInitializer;
import org.apache.mina.transport.socket.nio.NioDatagramConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain RADIUS/UDP links: one datagram socket to the authentication port and one to the accounting port.
 * Accounting-Requests go to the latter, everything else to the former. Each datagram is one packet.
 */
final class UdpLinkFactory implements Link.Factory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpLinkFactory.class);
    private static final AttributeKey LINK = new AttributeKey(UdpLinkFactory.class, "link");
    /** INTEROP.md: the default receive buffer drops datagrams at about 200 in flight on loopback. */
    static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    private final DestinationSettings settings;
    private final NioDatagramConnector connector;
    /** ICMP port unreachable reports on this destination's sockets: what tests wait for. */
    private final LongAdder portUnreachable = new LongAdder();

    UdpLinkFactory(DestinationSettings settings) {
        this.settings = settings;
        if (dev.radsec.codec.SharedSecret.of(settings.secret()).isWeak()) {
            // Over UDP the secret is all that protects the packets (over TLS it is a constant).
            LOG.warn("Destination {}: the shared secret has 12 octets or fewer and can be guessed from captured "
                    + "packets", settings.id);
        }
        // ICMP port unreachable must not close the sockets: see IcmpTolerantProcessor
        this.connector = new NioDatagramConnector(IcmpTolerantProcessor.class);
        connector.getSessionConfig().setReceiveBufferSize(RECEIVE_BUFFER);
        connector.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                UdpLink link = (UdpLink) session.getAttribute(LINK);
                if (link != null) {
                    link.report.packet(bytes((IoBuffer) message));
                }
            }

            @Override
            public void exceptionCaught(IoSession session, Throwable cause) {
                UdpLink link = (UdpLink) session.getAttribute(LINK);
                if (cause instanceof PortUnreachableException) {
                    // Nothing listens on the server's port (for now): the requests are retransmitted and time out,
                    // as on any UDP path; the socket stays, so answers flow again once the server is back.
                    portUnreachable.increment();
                    if (link != null && link.unreachableLogged.compareAndSet(false, true)) { // once per link
                        LOG.info("Destination {}: ICMP port unreachable from {}: nothing listens there now; requests "
                                + "are retransmitted and time out", settings.id, session.getRemoteAddress());
                    }
                } else if (cause instanceof IOException) {
                    // MINA logged it and closes the session (sessionClosed takes the link down), or it is a write
                    // queued on a session closed since
                    LOG.debug("Destination {}: {} on {}", settings.id, cause, session);
                } else {
                    LOG.warn("Destination {}: unexpected error on {}", settings.id, session, cause);
                }
            }

            @Override
            public void sessionClosed(IoSession session) {
                UdpLink link = (UdpLink) session.getAttribute(LINK);
                if (link != null) {
                    // A socket closed under the link (an I/O error, the connector disposed): the link must not
                    // stay up on it, sending into nothing. After our own close this reports nothing more.
                    link.close("its UDP socket to " + session.getRemoteAddress() + " closed");
                }
            }
        });
    }

    /** A datagram's bytes: one packet. */
    static byte[] bytes(IoBuffer datagram) {
        byte[] packet = new byte[datagram.remaining()];
        datagram.get(packet);
        return packet;
    }

    /** A datagram may be lost: RFC 5080 retransmissions. */
    @Override
    public RetransmitPolicy retransmits() {
        return RetransmitPolicy.RFC_5080;
    }

    @Override
    public Link open(Link.Listener listener) {
        UdpLink link = new UdpLink(listener);
        link.auth = connect(settings.port, link);
        link.acct = connect(settings.accountingPort, link);
        // Reported from another thread, never from this one: the opener holds its destination's monitor, which
        // the link's listener takes under the reporter's lock, while a MINA thread may be reporting already
        // (monitor then reporter here, reporter then monitor there: a deadlock). Once per link, not per packet.
        link.auth.addListener(f -> ForkJoinPool.commonPool().execute(link::connected));
        link.acct.addListener(f -> ForkJoinPool.commonPool().execute(link::connected));
        return link;
    }

    private ConnectFuture connect(int port, UdpLink link) {
        InetSocketAddress remote = new InetSocketAddress(settings.address, port);
        IoSessionInitializer<ConnectFuture> init = (s, f) -> s.setAttribute(LINK, link);
        return settings.sourceAddress == null ? connector.connect(remote, init)
                : connector.connect(remote, new InetSocketAddress(settings.sourceAddress, 0), init);
    }

    /** How many ICMP port unreachable this destination's sockets were told of. */
    long portUnreachableReports() {
        return portUnreachable.sum();
    }

    private static final class UdpLink implements Link {
        final LinkReporter report;
        volatile ConnectFuture auth;
        volatile ConnectFuture acct;
        /** Its first ICMP port unreachable is logged, the rest only counted: not one line per datagram. */
        final AtomicBoolean unreachableLogged = new AtomicBoolean();

        UdpLink(Link.Listener listener) {
            this.report = new LinkReporter(this, listener);
        }

        void connected() {
            ConnectFuture a = auth;
            ConnectFuture b = acct;
            if (a == null || b == null || !a.isDone() || !b.isDone()) {
                return;
            }
            if (!a.isConnected() || !b.isConnected()) {
                Throwable t = a.getException() != null ? a.getException() : b.getException();
                close("cannot open a UDP socket: " + (t == null ? "cancelled" : t.getMessage()));
            } else if (!report.up(LinkInfo.plain((InetSocketAddress) a.getSession().getRemoteAddress()))
                    && report.isDown()) {
                closeSockets(); // closed before its sockets were open
            }
        }

        @Override
        public void send(byte[] packet) {
            ConnectFuture f = packet[0] == 4 ? acct : auth;
            if (f != null && f.isConnected()) {
                f.getSession().write(IoBuffer.wrap(packet));
            }
        }

        @Override
        public void close(String reason) {
            // down first: the sockets' sessionClosed, which may come at once, then reports nothing more
            report.down(reason);
            closeSockets();
        }

        private void closeSockets() {
            for (ConnectFuture f : new ConnectFuture[] {auth, acct}) {
                if (f != null && f.isConnected()) {
                    f.getSession().closeNow();
                }
            }
        }
    }

    @Override
    public void close() {
        connector.dispose();
    }
}
