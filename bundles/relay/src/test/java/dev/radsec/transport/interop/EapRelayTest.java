package dev.radsec.transport.interop;

import org.junit.jupiter.api.BeforeAll;

/** Wi-Fi 802.1X through the relay with FreeRADIUS's own RadSec listener as the destination. */
class EapRelayTest extends EapRelayContract {
    @BeforeAll
    static void start() throws Exception {
        assumePeers();
        startFreeRadius();
        startRelay(freeradius.radsecPort());
    }

    @Override
    String peerLog() {
        return freeradius.log();
    }
}
