package dev.radsec.transport.internal;

/**
 * One transport connection to a destination: the SPI that each transport (RadSec over MINA TLS, UDP over MINA
 * datagrams) implements thinly, so that request handling above it is one piece of code.
 */
interface Link {

    /** Sends one packet: one TLS record's worth (FreeRADIUS needs one packet per record) or one datagram. */
    void send(byte[] packet);

    /** Closes the link; {@link Listener#down} follows once. */
    void close(String reason);

    /** What a link reports. Called on I/O threads. */
    interface Listener {
        /** The link can carry packets; {@code info} describes the TLS session (empty for UDP). */
        void up(Link link, LinkInfo info);

        /** A whole packet arrived (framing done, nothing verified yet). */
        void packet(Link link, byte[] packet);

        /** The link is gone, or never came up; called once per link. */
        void down(Link link, String reason);
    }

    /** Opens links to one destination. */
    interface Factory {
        /** Starts opening a link; the outcome arrives at {@code listener}. */
        Link open(Listener listener);
    }
}
