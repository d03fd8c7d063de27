package dev.radsec.transport.interop;

import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.Radclient;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** The relay contract with FreeRADIUS's own RadSec listener as the destination. */
class RelayTest extends RelayContract {
    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        Peers.assumeInstalled(Radclient.BINARY, "freeradius-utils");
        peer = new Peer(dir);
        peer.radsecDestination(1);
        startRelay();
    }
}
