package dev.radsec.transport.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The links a listener has accepted, feeding the packets they carry to its {@link RequestDispatcher} with the
 * client's address and certificate, each answer going back on the link its request came on.
 */
final class AcceptedLinks implements Link.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptedLinks.class);

    private final String listener;
    private final RequestDispatcher dispatcher;
    private final boolean detectDuplicates;
    private final Map<Link, LinkInfo> up = new ConcurrentHashMap<>();

    /** @param detectDuplicates true for UDP; over TLS a client never retransmits (radiusdtls-bis) */
    AcceptedLinks(ListenerSettings settings, RequestDispatcher dispatcher, boolean detectDuplicates) {
        this.listener = settings.name;
        this.dispatcher = dispatcher;
        this.detectDuplicates = detectDuplicates;
    }

    @Override
    public void up(Link link, LinkInfo info) {
        up.put(link, info);
    }

    @Override
    public void packet(Link link, byte[] packet) {
        LinkInfo client = up.get(link);
        if (client != null) {
            dispatcher.received(packet, client.remote, client.peerChain, detectDuplicates, link::send);
        }
    }

    @Override
    public void unreadable(Link link, String problem) {
        dispatcher.counters.malformed.increment();
        LinkInfo client = up.get(link);
        LOG.warn("Listener {}: closing the connection from {}: {}", listener, client == null ? null : client.remote, problem);
    }

    @Override
    public void down(Link link, String reason) {
        if (up.remove(link) == null) {
            // Never up: a failed, refused or abandoned TLS handshake (a UDP link is up from its first datagram).
            dispatcher.counters.tlsRefused.increment();
        }
    }
}
