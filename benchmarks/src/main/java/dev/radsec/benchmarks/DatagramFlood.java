package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Bad RADIUS datagrams at a relay's UDP port: half random bytes of random length (1-300), half a valid
 * Access-Request signed with the right secret and then 1-4 bytes flipped. Seeded, so every run sends the same.
 */
final class DatagramFlood {
    private DatagramFlood() {
    }

    /** Sends {@code count} datagrams to 127.0.0.1:{@code port}; returns how many were sent. */
    static long send(int port, String secret, long count) throws Exception {
        PacketCodec codec = new PacketCodec(Dictionary.standard());
        byte[] valid = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", "mallory").add("User-Password", "x").build(), SharedSecret.of(secret));
        Random random = new Random(42);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        long sent = 0;
        try (DatagramSocket socket = new DatagramSocket(0, loopback)) {
            for (long i = 0; i < count; i++) {
                byte[] datagram;
                if (i % 2 == 0) {
                    datagram = new byte[1 + random.nextInt(300)];
                    random.nextBytes(datagram);
                } else {
                    datagram = valid.clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        datagram[random.nextInt(datagram.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                }
                socket.send(new DatagramPacket(datagram, datagram.length, loopback, port));
                sent++;
                if (i % 2000 == 1999) {
                    Thread.sleep(1); // a flood, not a kernel buffer test: leave the legitimate load its share
                }
            }
        }
        return sent;
    }

    /**
     * The kernel's count of UDP datagrams dropped because a socket's receive buffer was full, all sockets of the
     * machine together ({@code RcvbufErrors} in {@code /proc/net/snmp}).
     */
    static long receiveBufferErrors() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("Udp: ") && lines.get(i + 1).startsWith("Udp: ")) {
                String[] names = lines.get(i).split("\\s+");
                String[] values = lines.get(i + 1).split("\\s+");
                for (int k = 0; k < names.length; k++) {
                    if (names[k].equals("RcvbufErrors")) {
                        return Long.parseLong(values[k]);
                    }
                }
            }
        }
        return 0;
    }
}
