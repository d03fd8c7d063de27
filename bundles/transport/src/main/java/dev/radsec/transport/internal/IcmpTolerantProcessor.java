package dev.radsec.transport.internal;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.util.concurrent.Executor;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;

/**
 * MINA's NIO processor for the connected datagram sockets of {@link UdpLinkFactory}, where an ICMP port unreachable
 * is a lost datagram, not the end of the socket.
 *
 * <p>The kernel reports an ICMP port unreachable (nothing listens on the server's port: it was restarted or killed)
 * on the socket's next read or write as {@link PortUnreachableException}. MINA 2.2.10 then closes the session, from
 * a read unless {@code closeOnPortUnreachable} is off, from a write always, logging an ERROR either way. A closed
 * socket stays closed after the server is back, and every request on it would then be lost. Here the read reads
 * nothing and the write is tried again (the error was an earlier datagram's, and reading it cleared it); the
 * error goes on to the handler, which logs it once per link. Other I/O errors still close the session, and the
 * link then goes down.
 *
 * <p>Public with a public {@code (Executor)} constructor: MINA's processor pool creates its processors by reflection.
 */
public final class IcmpTolerantProcessor extends NioProcessor {

    public IcmpTolerantProcessor(Executor executor) {
        super(executor);
    }

    @Override
    protected int read(NioSession session, IoBuffer buf) throws Exception {
        try {
            return super.read(session, buf);
        } catch (PortUnreachableException e) {
            session.getFilterChain().fireExceptionCaught(e);
            return 0;
        }
    }

    @Override
    protected int write(NioSession session, IoBuffer buf, int length) throws IOException {
        try {
            return super.write(session, buf, length);
        } catch (PortUnreachableException e) {
            // Nothing written: MINA tries this datagram again once the socket is writable, which it is at once.
            session.getFilterChain().fireExceptionCaught(e);
            return 0;
        }
    }
}
