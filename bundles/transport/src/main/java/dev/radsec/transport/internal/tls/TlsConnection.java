package dev.radsec.transport.internal.tls;

import dev.radsec.transport.internal.tls.TlsEngine.Handshake;
import dev.radsec.transport.internal.tls.TlsEngine.Result;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.core.write.WriteToClosedSessionException;

/**
 * The TLS state machine of one connection under {@link TlsFilter}: handshake, application data both ways, and
 * close. Reads come from the session's one I/O thread; writes from any thread, serialised by one lock held only
 * while records are made and queued (never while calling up), so that records leave in the order the engine
 * numbered them.
 */
public final class TlsConnection {
    /** A TLS record header: type, version, length. */
    private static final int HEADER = 5;

    private final IoSession session;
    private final TlsEngine engine;
    private final NextFilter next;
    private final Object writeLock = new Object();

    /** The one record split across reads, while it is incomplete (I/O thread only). */
    private ByteBuffer partial;
    /** Whether {@link #partial} so far holds only the header, its length not yet known. */
    private boolean partialHeaderOnly;
    private volatile boolean secured;
    private boolean failed;
    private boolean inboundClosed;
    /** Under the write lock: records made during this event, leaving in one write. */
    private Flight flight;
    /** Under the write lock: application writes made before the handshake completed. */
    private final ArrayDeque<WriteRequest> held = new ArrayDeque<>(0);
    private boolean outboundClosed;

    TlsConnection(IoSession session, TlsEngine engine, NextFilter next) {
        this.session = session;
        this.engine = engine;
        this.next = next;
    }

    /** Whether the handshake completed. */
    public boolean isSecured() {
        return secured;
    }

    /** The negotiated protocol, e.g. {@code TLSv1.3}. */
    public String protocol() {
        return engine.protocol();
    }

    /** The negotiated cipher suite. */
    public String cipherSuite() {
        return engine.cipherSuite();
    }

    /** The peer's chain, leaf first; empty when it presented none. */
    public Optional<X509Certificate[]> peerCertificates() {
        return engine.peerCertificates();
    }

    /** The TLS-PSK identity the handshake used; empty for a certificate handshake. */
    public Optional<String> pskIdentity() {
        return engine.pskIdentity();
    }

    void begin() throws SSLException {
        engine.beginHandshake();
        try {
            step(engine.handshake());
            sendFlight(); // a client's ClientHello
        } catch (SSLException e) {
            fail(e);
        }
    }

    /** Unwraps every whole record in {@code in}; keeps a split one for the next read. */
    void received(ByteBuffer in) {
        if (failed || inboundClosed) {
            return;
        }
        try {
            if (partial != null) {
                fillPartial(in);
                if (partial.hasRemaining()) {
                    return;
                }
                ByteBuffer record = partial.flip();
                partial = null;
                unwrapAll(record);
            }
            unwrapAll(in);
            if (in.hasRemaining() && !inboundClosed) {
                keepPartial(in);
            }
            sendFlight();
            if (inboundClosed) {
                // the peer's close_notify: answer with ours (TLS 1.3 engines would allow a half-close, RadSec has
                // no use for one) and close once it is out
                closeOutbound();
                session.closeOnFlush();
            }
        } catch (SSLException e) {
            fail(e);
        }
    }

    private void unwrapAll(ByteBuffer source) throws SSLException {
        TlsFilter.Scratch scratch = TlsFilter.Scratch.get(engine);
        while (source.hasRemaining() && !inboundClosed) {
            boolean securedBefore = secured;
            ByteBuffer application = scratch.application.clear();
            Result r = engine.unwrap(source, application);
            switch (r.status()) {
                case NEED_INPUT:
                    return;
                case NEED_ROOM:
                    // the scratch buffer has the engine's application size: only a broken engine asks for more
                    throw new SSLException("the TLS engine needs more than " + application.capacity() + " bytes for one record");
                case CLOSED:
                    inboundClosed = true;
                    break;
                default:
                    break;
            }
            if (securedBefore && isHandshakeStart(r.handshake()) && !"TLSv1.3".equals(engine.protocol())) {
                throw new SSLException("the peer asked to renegotiate: refused");
            }
            step(r.handshake());
            if (r.produced() > 0) {
                next.messageReceived(session, IoBuffer.wrap(application.flip()));
            }
            if (r.consumed() == 0 && r.produced() == 0 && r.status() == TlsEngine.Status.OK
                    && engine.handshake() != Handshake.NEED_UNWRAP) {
                return; // nothing taken and nothing asked for: wait for more
            }
        }
    }

    private static boolean isHandshakeStart(Handshake h) {
        return h == Handshake.NEED_TASK || h == Handshake.NEED_WRAP || h == Handshake.NEED_UNWRAP;
    }

    /** Runs the handshake as far as it goes without the peer: slow steps here, records into this event's flight. */
    private void step(Handshake h) throws SSLException {
        while (true) {
            switch (h) {
                case NEED_TASK:
                    for (Runnable task = engine.delegatedTask(); task != null; task = engine.delegatedTask()) {
                        task.run(); // on the I/O thread: a hop would only delay the peer waiting for our reply
                    }
                    h = engine.handshake();
                    break;
                case NEED_WRAP:
                    h = wrapHandshake();
                    break;
                case FINISHED:
                    if (!secured) {
                        secured(); // a JDK TLS 1.3 client reports FINISHED again after each NewSessionTicket
                    }
                    h = engine.handshake(); // a TLS 1.3 server may have tickets to send
                    break;
                case NOT_HANDSHAKING:
                    if (!secured) {
                        secured(); // some engines finish without reporting FINISHED
                    }
                    return;
                default: // NEED_UNWRAP: the peer speaks next
                    return;
            }
        }
    }

    private Handshake wrapHandshake() throws SSLException {
        synchronized (writeLock) {
            TlsFilter.Scratch scratch = TlsFilter.Scratch.get(engine);
            Result r = engine.wrap(ByteBuffer.allocate(0), scratch.network.clear());
            if (r.status() == TlsEngine.Status.NEED_ROOM) {
                throw new SSLException("the TLS engine needs more than " + scratch.network.capacity() + " bytes for one record");
            }
            flight().add(scratch.network.flip());
            return r.status() == TlsEngine.Status.CLOSED && r.produced() == 0 ? Handshake.NOT_HANDSHAKING : r.handshake();
        }
    }

    private Flight flight() {
        if (flight == null) {
            flight = new Flight();
        }
        return flight;
    }

    /** Sends what this event made, as one write. */
    private void sendFlight() {
        synchronized (writeLock) {
            if (flight != null && flight.size() > 0) {
                next.filterWrite(session, new DefaultWriteRequest(flight.toBuffer()));
            }
            flight = null;
        }
    }

    private void secured() {
        synchronized (writeLock) {
            secured = true;
        }
        sendFlight(); // the last handshake records go before any application data
        next.event(session, TlsFilter.TlsEvent.SECURED);
        synchronized (writeLock) {
            for (WriteRequest r = held.poll(); r != null; r = held.poll()) {
                try {
                    writeSecured(r);
                } catch (SSLException e) {
                    r.getFuture().setException(e);
                }
            }
        }
    }

    /** Encrypts one written message into one record (more only past 16 KB) and queues it, in engine order. */
    void write(WriteRequest request) throws SSLException {
        synchronized (writeLock) {
            if (outboundClosed || failed) {
                request.getFuture().setException(new WriteToClosedSessionException(request));
                return;
            }
            if (!secured) {
                held.add(request);
                return;
            }
            writeSecured(request);
        }
    }

    private void writeSecured(WriteRequest request) throws SSLException {
        ByteBuffer source = ((IoBuffer) request.getMessage()).buf();
        TlsFilter.Scratch scratch = TlsFilter.Scratch.get(engine);
        Flight records = new Flight();
        while (source.hasRemaining()) {
            Result r = engine.wrap(source, scratch.network.clear());
            if (r.status() != TlsEngine.Status.OK) {
                throw new SSLException("TLS wrap ended " + r.status());
            }
            records.add(scratch.network.flip());
        }
        request.setMessage(records.toBuffer());
        next.filterWrite(session, request);
    }

    /** Queues close_notify ahead of the close; best effort, the connection closes either way. */
    void closeOutbound() {
        synchronized (writeLock) {
            if (outboundClosed) {
                return;
            }
            outboundClosed = true;
            failHeld();
            if (!secured || failed) {
                return;
            }
            engine.closeOutbound();
            try {
                TlsFilter.Scratch scratch = TlsFilter.Scratch.get(engine);
                Flight notify = new Flight();
                while (!engine.isOutboundDone()) {
                    Result r = engine.wrap(ByteBuffer.allocate(0), scratch.network.clear());
                    if (r.produced() == 0) {
                        break;
                    }
                    notify.add(scratch.network.flip());
                }
                if (notify.size() > 0) {
                    next.filterWrite(session, new DefaultWriteRequest(notify.toBuffer()));
                }
            } catch (SSLException e) {
                // closing anyway
            }
        }
    }

    /** The session closed: forget what waited. */
    void release() {
        partial = null;
        synchronized (writeLock) {
            outboundClosed = true;
            failHeld();
            flight = null;
        }
    }

    private void failHeld() {
        for (WriteRequest r = held.poll(); r != null; r = held.poll()) {
            r.getFuture().setException(new WriteToClosedSessionException(r));
        }
    }

    /** The engine failed: send the alert it made, if any, and tell the handler, which closes the connection. */
    private void fail(SSLException e) {
        failed = true;
        partial = null;
        try {
            while (engine.handshake() == Handshake.NEED_WRAP) {
                wrapHandshake();
            }
        } catch (SSLException | RuntimeException alertFailed) {
            // no alert then
        }
        sendFlight();
        synchronized (writeLock) {
            failHeld();
        }
        next.exceptionCaught(session, e);
    }

    /** Keeps the start of a record split across reads, in a buffer of the record's size (header first if short). */
    private void keepPartial(ByteBuffer in) throws SSLException {
        if (in.remaining() < HEADER) {
            partial = ByteBuffer.allocate(HEADER);
            partialHeaderOnly = true;
        } else {
            partial = ByteBuffer.allocate(recordSize(in, in.position()));
            partialHeaderOnly = false;
        }
        partial.put(in);
    }

    private void fillPartial(ByteBuffer in) throws SSLException {
        ByteBuffers.move(in, partial);
        if (partialHeaderOnly && !partial.hasRemaining()) {
            ByteBuffer header = partial.flip();
            partial = ByteBuffer.allocate(recordSize(header, 0)).put(header);
            partialHeaderOnly = false;
            ByteBuffers.move(in, partial);
        }
    }

    private int recordSize(ByteBuffer b, int at) throws SSLException {
        int size = HEADER + (((b.get(at + 3) & 0xFF) << 8) | (b.get(at + 4) & 0xFF));
        if (size > engine.packetBufferSize()) {
            throw new SSLException("a TLS record of " + size + " bytes is larger than any the protocol allows");
        }
        return size;
    }
}
