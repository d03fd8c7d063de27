package dev.radsec.transport.interop;

import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.RadsecproxyProcess;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Wi-Fi 802.1X through the relay with real radsecproxy 1.9.2 as the RadSec server, proxying to FreeRADIUS's UDP
 * ports: two re-encryptions of the MPPE keys after FreeRADIUS (radsecproxy's, then ours).
 */
class EapRelayViaRadsecproxyTest extends EapRelayContract {
    static RadsecproxyProcess proxy;

    @BeforeAll
    static void start() throws Exception {
        assumePeers();
        Peers.assumeInstalled(RadsecproxyProcess.BINARY, RadsecproxyProcess.PACKAGE);
        startFreeRadius();
        proxy = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("radsecproxy")))
                .tls(pki.caCertificate(), pki.server().certificate(), pki.server().key())
                .upstream(freeradius)
                .start();
        startRelay(proxy.port());
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Override
    String peerLog() {
        return proxy.log() + "\n" + freeradius.log();
    }
}
