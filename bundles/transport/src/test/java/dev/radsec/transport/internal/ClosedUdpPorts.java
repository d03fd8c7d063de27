package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/** Loopback UDP ports that nothing listens on any more, as the kernel tells. */
final class ClosedUdpPorts {
    private ClosedUdpPorts() {
    }

    /** Waits, up to 10 s, until the kernel answers a datagram to 127.0.0.1:{@code port} with ICMP port unreachable. */
    static void assertRefused(int port) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket probe = new DatagramSocket(0, loopback)) {
            probe.connect(loopback, port);
            probe.setSoTimeout(100);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                probe.send(new DatagramPacket(new byte[20], 20));
                try {
                    probe.receive(new DatagramPacket(new byte[64], 64));
                } catch (PortUnreachableException refused) {
                    return;
                } catch (SocketTimeoutException e) {
                    assertTrue(System.nanoTime() - deadline < 0, "port " + port + " is not refused");
                }
            }
        }
    }
}
