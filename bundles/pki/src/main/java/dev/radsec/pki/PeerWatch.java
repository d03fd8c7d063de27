package dev.radsec.pki;

/** A registration made with {@link CredentialService#watchPeer}; closing it stops the watching. */
public interface PeerWatch extends AutoCloseable {
    @Override
    void close();
}
