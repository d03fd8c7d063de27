package dev.radsec.transport.interop;

import dev.radsec.codec.Peers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract over plain RADIUS/UDP to FreeRADIUS 3.2.1's auth and accounting ports. */
class UdpContractTest extends PeerContract {
    @TempDir
    static Path dir;
    static Peer peer;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        peer = new Peer(dir);
        peer.udpDestination(11, "max-tx-buffers", "1000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    @Override
    Peer peer() {
        return peer;
    }

    @Override
    int destination() {
        return 11;
    }
}
