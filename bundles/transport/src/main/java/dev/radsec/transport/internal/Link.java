package dev.radsec.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One transport connection between a client and a server: the SPI that each transport (RadSec over MINA TLS, UDP
 * over MINA datagrams) implements thinly on both sides, so that request handling above it is one piece of code.
 * A {@link Factory} opens links to a server; an {@link Acceptor} accepts the links clients open to us.
 *
 * <p>The contract, the same for opened and accepted links: a link reports {@link Listener#up} at most once, then
 * packets, then {@link Listener#down} exactly once, last. A link that never comes up (a refused connect or
 * handshake, a close before the handshake ended) reports one down and no up.
 */
interface Link {

    /** Sends one packet: one TLS record's worth (FreeRADIUS needs one packet per record) or one datagram. */
    void send(byte[] packet);

    /** Closes the link; {@link Listener#down} follows once. */
    void close(String reason);

    /** What a link reports. Called on I/O threads, never two at once for one link. */
    interface Listener {
        /** The link can carry packets; {@code info} names the peer and describes the TLS session. */
        void up(Link link, LinkInfo info);

        /** A whole packet arrived (framing done, nothing verified yet). */
        void packet(Link link, byte[] packet);

        /**
         * The byte stream cannot be cut into packets any more; the link closes and reports down next. Only
         * listeners count it (as malformed): a client simply reconnects.
         */
        default void unreadable(Link link, String problem) {
        }

        /** The link is gone, or never came up; called once per link. */
        void down(Link link, String reason);
    }

    /** Opens links to one destination. */
    interface Factory {
        /** Starts opening a link; the outcome arrives at {@code listener}. */
        Link open(Listener listener);

        /** When requests over these links are sent again: by default never (a reliable transport). */
        default RetransmitPolicy retransmits() {
            return RetransmitPolicy.NEVER;
        }
    }

    /** Accepts the links clients open to one server socket: the server side of {@link Factory}. */
    interface Acceptor extends AutoCloseable {
        /** Binds and starts accepting; every accepted link reports to {@code listener}. Called once. */
        void bind(Listener listener) throws IOException;

        /** The address actually bound (port 0 picks a free one). */
        InetSocketAddress localAddress();

        /** Stops accepting and closes the accepted links. */
        @Override
        void close();
    }
}
