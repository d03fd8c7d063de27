package dev.radsec.benchmarks;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/** Waits until a relay answers: the request {@link LoadGenerator} sends, once a second, until an Access-Accept. */
final class RelayProbe {
    private RelayProbe() {
    }

    /**
     * Returns when the relay on 127.0.0.1:{@code port} answers an Access-Request for alice with an Access-Accept.
     *
     * @throws IOException when {@code alive} turns false or {@code patience} runs out first
     */
    static void awaitAccept(int port, String secret, Duration patience, BooleanSupplier alive)
            throws IOException, InterruptedException {
        PacketCodec codec = new PacketCodec(Dictionary.standard());
        SharedSecret shared = SharedSecret.of(secret);
        long deadline = System.nanoTime() + patience.toNanos();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(1000);
            for (int id = 0; System.nanoTime() < deadline; id = (id + 1) % 256) {
                if (!alive.getAsBoolean()) {
                    throw new IOException("the relay's process ended before it answered on port " + port);
                }
                byte[] request = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                        .identifier(id).add("User-Name", "alice").add("User-Password", "alice-pw")
                        .add("NAS-Identifier", "probe").add("NAS-IP-Address", "127.0.0.1").build(), shared);
                socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
                if (accepted(socket, codec, request, shared)) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IOException("no Access-Accept from 127.0.0.1:" + port + " within " + patience.toSeconds() + " s");
    }

    /** Reads answers until the one to {@code request} (by Identifier) or a 1 s timeout; true for an Access-Accept. */
    private static boolean accepted(DatagramSocket socket, PacketCodec codec, byte[] request, SharedSecret secret)
            throws IOException {
        DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
        while (true) {
            try {
                socket.receive(answer);
            } catch (SocketTimeoutException e) {
                return false; // not up yet
            }
            if (answer.getLength() < 20 || answer.getData()[1] != request[1]) {
                continue; // a late answer to an earlier try
            }
            try {
                return codec.decodeResponse(Arrays.copyOf(answer.getData(), answer.getLength()), request, secret).code()
                        == PacketCode.ACCESS_ACCEPT;
            } catch (RadiusDecodeException e) {
                return false;
            }
        }
    }
}
