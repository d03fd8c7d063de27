package dev.radsec.transport.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * The datagram socket of a UDP or DTLS listener, set up the same way for both: bound with a 4 MB receive buffer
 * (INTEROP.md: the default drops datagrams at about 200 in flight on loopback), read by one daemon thread of its own.
 */
final class ListenerChannels {
    private ListenerChannels() {
    }

    /** A datagram socket bound to {@code address}. */
    static DatagramChannel bind(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, UdpLinkFactory.RECEIVE_BUFFER);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Starts the thread that reads the socket: it ends when the socket closes. */
    static void startReader(String name, Runnable read) {
        Thread reader = new Thread(read, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The address actually bound (port 0 picks one), or {@code configured} when the socket can no longer say. */
    static InetSocketAddress localAddress(DatagramChannel channel, InetSocketAddress configured) {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return configured;
        }
    }
}
