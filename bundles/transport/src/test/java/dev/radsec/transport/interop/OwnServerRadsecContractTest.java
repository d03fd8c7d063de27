package dev.radsec.transport.interop;

/** The contract over RadSec between our own client and our own server. */
class OwnServerRadsecContractTest extends OwnServerContract {
    @Override
    int destination() {
        return 21;
    }
}
