package dev.radsec.transport.internal.tls;

import java.nio.ByteBuffer;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;

/**
 * TLS for a MINA stream session, on a {@link TlsEngine} per connection, in place of MINA's {@code SslFilter}.
 * <ul>
 * <li>Memory: a connection owns no buffers. Records are made and read in buffers of the I/O thread (or of the
 * thread writing), and only the bytes of a record split across reads wait in a buffer of the connection's own, sized
 * to what is left over and dropped once the record is whole.</li>
 * <li>System calls: every record a read event produces on this side (a whole handshake flight, an alert, a
 * close_notify) leaves in one write, and a read event unwraps every whole record it holds. One written message is
 * one record (FreeRADIUS 3.2.1 reads one RADIUS packet per record).</li>
 * <li>Threads: the handshake's slow steps run on the I/O thread that read the record needing them, and decrypted data
 * goes up on that thread; nothing is handed to another thread.</li>
 * <li>Renegotiation is refused: a TLS 1.2 peer asking for a new handshake is an error and the connection closes.
 * TLS 1.3's post-handshake messages (tickets, key updates) are served.</li>
 * </ul>
 * Events go up as from {@code SslFilter}: {@link TlsEvent#SECURED} once the handshake completed, before the first
 * application data; an engine failure as {@code exceptionCaught} with an {@link SSLException}, after which the
 * connection closes. The handler decides whether to accept the peer ({@link #connection(IoSession)}).
 */
public final class TlsFilter extends IoFilterAdapter {
    /** What the filter tells the handler. */
    public enum TlsEvent implements FilterEvent {
        /** The handshake completed; the engine's peer and parameters are final. */
        SECURED
    }

    private static final AttributeKey CONNECTION = new AttributeKey(TlsFilter.class, "connection");

    private final Function<IoSession, TlsEngine> engines;

    /** @param engines makes the engine of a new connection, in client or server mode as this end is */
    public TlsFilter(Function<IoSession, TlsEngine> engines) {
        this.engines = engines;
    }

    /** A new engine of this filter's kind for {@code session}: to be chosen later, as a listener with PSK does. */
    public TlsEngine engine(IoSession session) {
        return engines.apply(session);
    }

    /** The TLS state of {@code session}; null before the session opened. */
    public static TlsConnection connection(IoSession session) {
        return (TlsConnection) session.getAttribute(CONNECTION);
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) throws Exception {
        TlsConnection c = new TlsConnection(session, engines.apply(session), next);
        session.setAttribute(CONNECTION, c);
        next.sessionOpened(session);
        c.begin();
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        TlsConnection c = connection(session);
        if (c == null || !(message instanceof IoBuffer)) {
            next.messageReceived(session, message);
            return;
        }
        c.received(((IoBuffer) message).buf());
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        TlsConnection c = connection(session);
        if (c == null || !(request.getMessage() instanceof IoBuffer)) {
            next.filterWrite(session, request);
            return;
        }
        c.write(request);
    }

    @Override
    public void filterClose(NextFilter next, IoSession session) throws Exception {
        TlsConnection c = connection(session);
        if (c != null) {
            c.closeOutbound();
        }
        next.filterClose(session);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        TlsConnection c = connection(session);
        if (c != null) {
            c.release();
        }
        next.sessionClosed(session);
    }

    /** The buffers of one thread: records are made and read here, never in a connection's own memory. */
    static final class Scratch {
        private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

        ByteBuffer application = ByteBuffer.allocate(0);
        ByteBuffer network = ByteBuffer.allocate(0);

        static Scratch get(TlsEngine engine) {
            Scratch s = OF_THREAD.get();
            // the engine's sizes can grow once negotiated (e.g. a larger record limit); grow with them
            if (s.application.capacity() < engine.applicationBufferSize()) {
                s.application = ByteBuffer.allocate(engine.applicationBufferSize());
            }
            if (s.network.capacity() < engine.packetBufferSize()) {
                s.network = ByteBuffer.allocate(engine.packetBufferSize());
            }
            return s;
        }
    }

    @Override
    public String toString() {
        return "tls";
    }
}
