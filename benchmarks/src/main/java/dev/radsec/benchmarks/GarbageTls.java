package dev.radsec.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Random;

/** Connections to a RadSec listener that send random bytes and close: half of them behind a TLS record header. */
final class GarbageTls {
    private GarbageTls() {
    }

    /** Makes {@code connections} garbage connections to 127.0.0.1:{@code port}; returns how many were made. */
    static int send(int port, int connections) throws InterruptedException {
        Random random = new Random(7);
        int made = 0;
        for (int i = 0; i < connections; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                byte[] junk = new byte[5 + random.nextInt(2000)];
                random.nextBytes(junk);
                if (i % 2 == 0) {
                    junk[0] = 0x16; // a handshake record, TLS 1.2
                    junk[1] = 3;
                    junk[2] = 3;
                }
                OutputStream out = s.getOutputStream();
                out.write(junk);
                out.flush();
                made++;
            } catch (IOException e) {
                made++; // the listener closed first: still a connection it had to deal with
            }
        }
        Thread.sleep(2_000); // let it notice the last ones
        return made;
    }
}
