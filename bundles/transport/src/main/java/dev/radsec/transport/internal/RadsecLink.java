package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.pki.PeerWatch;
import dev.radsec.transport.internal.tls.TlsFilter;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;

/**
 * One RadSec connection, opened or accepted: up once TLS is secured and the end's {@link RadsecTls} accepts the
 * peer, its byte stream cut into packets by Length, down when either side closes, the handshake outlasts
 * {@code tls-timeout}, the stream is unreadable, or the PKI stops accepting the peer's certificate.
 */
final class RadsecLink implements Link {
    private static final AttributeKey LINK = new AttributeKey(RadsecLink.class, "link");

    private final RadsecTls tls;
    private final LinkReporter report;
    private final PacketFramer framer = new PacketFramer();
    private final AtomicReference<PeerWatch> watch = new AtomicReference<>();
    private volatile Scheduler.Cancellable handshakeDeadline;
    private volatile IoSession session;
    private volatile boolean closed;
    private volatile String closeReason;

    private RadsecLink(Link.Listener listener, RadsecTls tls) {
        this.tls = tls;
        this.report = new LinkReporter(this, listener);
    }

    /** A link whose handshake is bounded from now on. */
    static RadsecLink start(Link.Listener listener, RadsecTls tls) {
        RadsecLink link = new RadsecLink(listener, tls);
        link.handshakeDeadline = tls.handshakeDeadline(() -> link.close(
                "TLS handshake did not complete within " + tls.timeout.getSeconds() + " s"));
        return link;
    }

    /** Binds the link to its session; done before the session starts, so every event finds its link. */
    void attach(IoSession s) {
        s.setAttribute(LINK, this);
        session = s;
        if (closed) {
            s.closeNow();
        }
    }

    /** TLS is up: check the peer, watch its certificate, then report. Idempotent. @return whether the link is up */
    private synchronized boolean secured() {
        if (report.isUp() || report.isDown() || closed) {
            return report.isUp();
        }
        LinkInfo peer = RadsecTls.peer(session);
        String refusal = tls.refusal(peer);
        if (refusal != null) {
            close(refusal);
            return false;
        }
        handshakeDeadline.cancel();
        handshakeDeadline = Scheduler.Cancellable.NONE; // not kept for the connection's life (heap per idle connection)
        watch.set(tls.watch(peer, this::close));
        if (!report.up(peer)) {
            stopWatching(); // closed meanwhile
            return false;
        }
        return true;
    }

    private void received(IoBuffer buffer) {
        // With TLS 1.3 the peer's first packet can be processed before the SECURED event is.
        if (!secured()) {
            return;
        }
        try {
            framer.feed(buffer, report::packet);
        } catch (PacketFramer.FramingException e) {
            report.unreadable(e.getMessage());
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

    /** Reports down once, with the reason the link was closed for if it was. */
    void down(String reason) {
        String r = closeReason != null ? closeReason : explained(reason);
        if (report.down(r)) {
            handshakeDeadline.cancel();
            stopWatching();
        }
    }

    /** A failure's reason, with what this end's authentication may have to do with it when it was never secured. */
    private String explained(String reason) {
        return session != null && !report.isUp() ? tls.handshakeFailure(reason) : reason;
    }

    private void stopWatching() {
        PeerWatch w = watch.getAndSet(null);
        if (w != null) {
            w.close();
        }
    }

    /** Hands a session's events to its link; the connector's and acceptor's handler. */
    static class Events extends IoHandlerAdapter {
        @Override
        public void event(IoSession session, FilterEvent event) {
            RadsecLink link = (RadsecLink) session.getAttribute(LINK);
            if (link != null && event == TlsFilter.TlsEvent.SECURED) {
                link.secured();
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
                link.close(link.explained(cause.getMessage() == null ? cause.getClass().getSimpleName()
                        : cause.getMessage()));
            } else {
                session.closeNow();
            }
        }
    }
}
