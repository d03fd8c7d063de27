package dev.radsec.transport.internal;

import java.net.InetSocketAddress;

/** A bound server socket handing packets to a {@link RequestDispatcher}. */
interface Listener extends AutoCloseable {
    /** The address actually bound (port 0 in the configuration picks a free one). */
    InetSocketAddress localAddress();

    @Override
    void close();
}
