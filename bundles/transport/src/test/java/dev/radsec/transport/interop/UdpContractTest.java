package dev.radsec.transport.interop;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract over plain RADIUS/UDP to FreeRADIUS 3.2.1's auth and accounting ports. */
class UdpContractTest extends PeerContract {
    private static final int DESTINATION = 11;

    @RegisterExtension
    static final PeerPerClass PEER = new PeerPerClass(
            peer -> peer.udpDestination(DESTINATION, "max-tx-buffers", "1000"));

    UdpContractTest() {
        super(PEER::peer, DESTINATION);
    }
}
