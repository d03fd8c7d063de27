package dev.radsec.transport.interop;

import dev.radsec.transport.internal.RadiusClientImpl;
import java.util.function.Supplier;

/** The contract against a real peer ({@link Peer}): our client is the peer's, the log FreeRADIUS's. */
abstract class PeerContract extends TransportContract {
    private final Supplier<Peer> peer;
    private final int destination;

    /** The contract on {@code destination}, configured on the peer {@code peer} gives once it has started. */
    PeerContract(Supplier<Peer> peer, int destination) {
        this.peer = peer;
        this.destination = destination;
    }

    Peer peer() {
        return peer.get();
    }

    @Override
    int destination() {
        return destination;
    }

    @Override
    RadiusClientImpl client() {
        return peer().client;
    }

    @Override
    String serverLog() {
        return peer().server.log();
    }
}
