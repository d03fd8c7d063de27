package dev.radsec.transport.internal;

import java.io.IOException;
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

    private AcceptedLinks(ListenerSettings settings, RequestDispatcher dispatcher) {
        this.listener = settings.name;
        this.dispatcher = dispatcher;
        // over TLS a client never retransmits (radiusdtls-bis); over UDP and DTLS it does (RFC 7360 section 5)
        this.detectDuplicates = settings.protocol != DestinationSettings.Protocol.RADSEC;
    }

    /**
     * A listener: binds {@code acceptor} so that the links it accepts feed {@code dispatcher}. The acceptor is
     * closed again when it cannot bind.
     */
    static Link.Acceptor listen(Link.Acceptor acceptor, ListenerSettings settings, RequestDispatcher dispatcher)
            throws IOException {
        try {
            acceptor.bind(new AcceptedLinks(settings, dispatcher));
            return acceptor;
        } catch (IOException | RuntimeException e) {
            acceptor.close();
            throw e;
        }
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
