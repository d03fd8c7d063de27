package dev.radsec.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

/** A RADIUS/UDP listener: one datagram is one packet; answers leave from the port the request came in on. */
final class UdpListener implements Listener {
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    private final NioDatagramAcceptor acceptor = new NioDatagramAcceptor();

    UdpListener(ListenerSettings settings, RequestDispatcher dispatcher) throws IOException {
        acceptor.getSessionConfig().setReceiveBufferSize(RECEIVE_BUFFER);
        acceptor.getSessionConfig().setReuseAddress(true);
        acceptor.setHandler(new IoHandlerAdapter() {
            @Override
            public void messageReceived(IoSession session, Object message) {
                IoBuffer b = (IoBuffer) message;
                byte[] packet = new byte[b.remaining()];
                b.get(packet);
                dispatcher.received(packet, (InetSocketAddress) session.getRemoteAddress(), null, true,
                        answer -> session.write(IoBuffer.wrap(answer)));
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
        acceptor.dispose();
    }
}
