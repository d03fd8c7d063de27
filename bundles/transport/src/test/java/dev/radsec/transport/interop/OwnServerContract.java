package dev.radsec.transport.interop;

import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.internal.RadiusClientImpl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract between our own client and our own server ({@link OwnServer}); subclasses pick the transport. */
abstract class OwnServerContract extends TransportContract {
    @TempDir
    static Path dir;
    static OwnServer own;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(TestPki.OPENSSL, TestPki.OPENSSL_PACKAGE);
        own = new OwnServer(dir);
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
            own = null;
        }
    }

    @Override
    RadiusClientImpl client() {
        return own.client;
    }

    @Override
    String serverLog() {
        return "handled " + own.handled.get();
    }
}
