package dev.radsec.transport.internal;

import dev.radsec.pki.PeerNames;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's rule for client certificates: when {@code allowed-peer-names} is set, the certificate must name
 * one of them. Refusals and invalidations are logged here: on the server side nothing above the link reports
 * why a connection ended.
 */
final class AllowedPeerNames implements RadsecTls.PeerPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(AllowedPeerNames.class);

    private final String listener;
    private final List<String> allowed;

    AllowedPeerNames(ListenerSettings settings) {
        this.listener = settings.name;
        this.allowed = settings.allowedPeerNames;
    }

    @Override
    public String refusal(LinkInfo peer) {
        if (allowed.isEmpty() || allowed.stream().anyMatch(n -> PeerNames.matches(peer.peerChain[0], n))) {
            return null;
        }
        LOG.warn("Listener {}: client {} refused: its certificate names {}, none of {}", listener, peer.remote,
                PeerNames.names(peer.peerChain[0]), allowed);
        return "the client certificate names none of allowed-peer-names";
    }

    @Override
    public void invalidated(LinkInfo peer, String reason) {
        LOG.info("Listener {}: closing the connection from {}: {}", listener, peer.remote, reason);
    }
}
