package dev.radsec.transport.interop;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests of our client against a real FreeRADIUS ({@link Peer}), one per class: skipped where it is not installed. */
abstract class FreeRadiusPeerTest {
    @TempDir
    static Path dir;
    static Peer peer;

    @BeforeAll
    static void start() throws Exception {
        peer = Peer.started(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        Waits.close(peer);
    }
}
