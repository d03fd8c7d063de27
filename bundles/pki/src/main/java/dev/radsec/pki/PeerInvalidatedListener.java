package dev.radsec.pki;

/** Told once when a watched peer chain stops being valid, with the reason; the connection should be closed. */
@FunctionalInterface
public interface PeerInvalidatedListener {
    void peerInvalidated(String reason);
}
