package dev.radsec.transport.interop;

import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.Radclient;
import dev.radsec.codec.interop.RadsecproxyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The relay contract with real radsecproxy 1.9.2 as the RadSec server, in front of FreeRADIUS's UDP ports. */
class RelayViaRadsecproxyTest extends RelayContract {
    static RadsecproxyProcess proxy;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        Peers.assumeInstalled(Radclient.BINARY, "freeradius-utils");
        Peers.assumeInstalled(RadsecproxyProcess.BINARY, RadsecproxyProcess.PACKAGE);
        peer = new Peer(dir);
        proxy = RadsecproxyProcess.builder(Files.createDirectories(dir.resolve("radsecproxy")))
                .tls(peer.pki.caCertificate(), peer.pki.server().certificate(), peer.pki.server().key())
                .upstream(peer.server)
                .start();
        peer.radsecDestination(1, "port", String.valueOf(proxy.port()));
        startRelay();
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
