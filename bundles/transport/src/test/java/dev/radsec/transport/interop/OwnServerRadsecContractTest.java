package dev.radsec.transport.interop;

import dev.radsec.codec.Peers;
import dev.radsec.transport.internal.RadiusClientImpl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract over RadSec between our own client and our own server. */
class OwnServerRadsecContractTest extends TransportContract {
    @TempDir
    static Path dir;
    static OwnServer own;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/bin/openssl"), "openssl");
        own = new OwnServer(dir);
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        }
    }

    @Override
    Peer peer() {
        throw new UnsupportedOperationException("no external peer: our own server");
    }

    @Override
    RadiusClientImpl client() {
        return own.client;
    }

    @Override
    String serverLog() {
        return "handled " + own.handled.get();
    }

    @Override
    int destination() {
        return 21;
    }
}
