package dev.radsec.transport.interop;

/** The contract over UDP between our own client and our own server. */
class OwnServerUdpContractTest extends OwnServerContract {
    @Override
    int destination() {
        return 22;
    }
}
