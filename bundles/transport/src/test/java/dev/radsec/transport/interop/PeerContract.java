package dev.radsec.transport.interop;

import dev.radsec.transport.internal.RadiusClientImpl;

/** The contract against a real peer ({@link Peer}): our client is the peer's, the log FreeRADIUS's. */
abstract class PeerContract extends TransportContract {
    abstract Peer peer();

    @Override
    RadiusClientImpl client() {
        return peer().client;
    }

    @Override
    String serverLog() {
        return peer().server.log();
    }
}
