package dev.radsec.transport.internal;

import dev.radsec.common.Scheduler;
import dev.radsec.codec.MessageAuthenticatorGate;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RequestContext;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of every transport: finds the client, verifies the request, suppresses duplicates, asks the
 * handler, and signs the answer for the client. A request that fails any check is counted and dropped; nothing a
 * client sends can fail another client's requests or the listener.
 */
final class RequestDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final ListenerSettings settings;
    /** Asked per packet: an operator's dictionary reload takes effect at once. */
    private final RadiusDictionary dictionary;
    private final Scheduler timer;
    private final Function<String, RadiusRequestHandler> handlers;
    private final Map<String, SharedSecret> secrets = new ConcurrentHashMap<>();
    /**
     * Requests seen within the duplicate window: the answer once sent, or IN_PROGRESS. Two generations rotated
     * every window by one timer, instead of a timer task per request: an entry lives one to two windows.
     */
    private volatile Map<DuplicateKey, byte[]> recent = new ConcurrentHashMap<>();
    private volatile Map<DuplicateKey, byte[]> older = new ConcurrentHashMap<>();
    private volatile Scheduler.Cancellable rotation;
    private volatile boolean closed;
    private static final byte[] IN_PROGRESS = new byte[0];
    final Counters counters = new Counters(null);
    /** The same counters per client network (CIDR), and for unknown sources under "unknown". */
    final Map<String, Counters> networks = new ConcurrentHashMap<>();

    /** Server-side counters, and for a client network its require-message-auth gate (learnt per network). */
    static final class Counters {
        final MessageAuthenticatorGate gate;
        final LongAdder requests = new LongAdder();
        final LongAdder responses = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder unknownClients = new LongAdder();
        final LongAdder badAuthenticators = new LongAdder();
        final LongAdder malformed = new LongAdder();
        final LongAdder dropped = new LongAdder();
        /** RadSec connections that ended without a completed, accepted handshake. */
        final LongAdder tlsRefused = new LongAdder();
        /** By packet code (0-255): verified requests, and answers sent. */
        final LongAdder[] requestsByCode = adders();
        final LongAdder[] responsesByCode = adders();

        Counters(MessageAuthenticatorGate gate) {
            this.gate = gate;
        }

        private static LongAdder[] adders() {
            LongAdder[] a = new LongAdder[256];
            for (int i = 0; i < a.length; i++) {
                a[i] = new LongAdder();
            }
            return a;
        }
    }

    /** RFC 5080 section 2.2.2: same source, Identifier and Request Authenticator. */
    private static final class DuplicateKey {
        final InetSocketAddress source;
        final int identifier;
        final byte[] authenticator;

        DuplicateKey(InetSocketAddress source, byte[] packet) {
            this.source = source;
            this.identifier = packet[1] & 0xFF;
            this.authenticator = Arrays.copyOfRange(packet, 4, 20);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DuplicateKey && ((DuplicateKey) o).identifier == identifier
                    && ((DuplicateKey) o).source.equals(source) && Arrays.equals(((DuplicateKey) o).authenticator, authenticator);
        }

        @Override
        public int hashCode() {
            return source.hashCode() * 31 * 31 + identifier * 31 + Arrays.hashCode(authenticator);
        }
    }

    RequestDispatcher(ListenerSettings settings, RadiusDictionary dictionary, Scheduler timer,
                      Function<String, RadiusRequestHandler> handlers) {
        this.settings = settings;
        this.dictionary = dictionary;
        this.timer = timer;
        this.handlers = handlers;
        rotate();
    }

    private void rotate() {
        if (closed) {
            return;
        }
        older = recent;
        // sized for what the last window held: a map grown from 16 again every window resizes all the time
        recent = new ConcurrentHashMap<>(Math.max(16, older.size() + older.size() / 2));
        rotation = timer.schedule(settings.duplicateWindow, this::rotate);
    }

    /** Stops the duplicate cache's timer; the listener is going away. */
    void close() {
        closed = true;
        Scheduler.Cancellable r = rotation;
        if (r != null) {
            r.cancel();
        }
    }

    /**
     * @param detectDuplicates true for UDP; over TLS a client never retransmits (radiusdtls-bis)
     * @param reply            sends an answer back on the channel the request came in on
     */
    void received(byte[] packet, InetSocketAddress remote, X509Certificate[] peer, boolean detectDuplicates,
                  Consumer<byte[]> reply) {
        ClientNetworks.Client client = settings.clients.find(remote.getAddress());
        if (client == null) {
            counters.unknownClients.increment();
            network(dev.radsec.transport.ClientNetworkStatistics.UNKNOWN).unknownClients.increment();
            LOG.debug("Listener {}: request from {} outside the configured clients, dropped", settings.name, remote);
            return;
        }
        Counters perNetwork = network(client.cidr);
        if (packet.length < RadiusPacket.MIN_LENGTH) {
            counters.malformed.increment();
            perNetwork.malformed.increment();
            return;
        }
        DuplicateKey key = detectDuplicates ? new DuplicateKey(remote, packet) : null;
        if (key != null) {
            byte[] previous = older.get(key);
            if (previous == null) {
                previous = recent.putIfAbsent(key, IN_PROGRESS);
            }
            if (previous != null) {
                counters.duplicates.increment();
                perNetwork.duplicates.increment();
                if (previous != IN_PROGRESS) {
                    reply.accept(previous);
                }
                return;
            }
        }
        SharedSecret secret = secrets.computeIfAbsent(client.secret, SharedSecret::of);
        MessageAuthenticatorGate gate = perNetwork.gate;
        RadiusPacket request;
        try {
            request = dictionary.codec().decodeRequest(packet, 0, packet.length, secret, gate.policy());
        } catch (RadiusDecodeException e) {
            if (e.reason() == RadiusDecodeException.Reason.MALFORMED) {
                counters.malformed.increment();
                perNetwork.malformed.increment();
            } else {
                counters.badAuthenticators.increment();
                perNetwork.badAuthenticators.increment();
            }
            LOG.debug("Listener {}: request from {} dropped: {}", settings.name, remote, e.getMessage());
            forget(key);
            return;
        }
        if (request.code() == PacketCode.ACCESS_REQUEST && gate.learn(request)) {
            LOG.info("Listener {}: client network {} signs its Access-Requests with Message-Authenticator: required "
                    + "from now on (require-message-auth = auto)", settings.name, client.cidr);
        }
        counters.requests.increment();
        counters.requestsByCode[request.code().code()].increment();
        perNetwork.requests.increment();
        RadiusRequestHandler handler = handlers.apply(settings.name);
        if (handler == null) {
            counters.dropped.increment();
            LOG.warn("Listener {}: no RadiusRequestHandler serves it; request from {} dropped", settings.name, remote);
            forget(key);
            return;
        }
        RequestContext context = new Context(settings.name, remote, client.cidr, peer);
        try {
            handler.handle(context, request).whenComplete((response, failure) -> {
                if (failure != null || response == null) {
                    counters.dropped.increment();
                    if (failure != null) {
                        LOG.warn("Listener {}: the handler failed on a request from {}", settings.name, remote, failure);
                    }
                    forget(key);
                    return;
                }
                byte[] wire;
                try {
                    wire = dictionary.codec().encodeResponse(response.toBuilder().identifier(request.identifier()).build(), request, secret);
                } catch (RuntimeException e) {
                    counters.dropped.increment();
                    LOG.warn("Listener {}: the handler's answer cannot be encoded: {}", settings.name, e.getMessage());
                    forget(key);
                    return;
                }
                if (key != null) {
                    recent.replace(key, IN_PROGRESS, wire);
                    older.replace(key, IN_PROGRESS, wire);
                }
                counters.responses.increment();
                counters.responsesByCode[wire[0] & 0xFF].increment();
                reply.accept(wire);
            });
        } catch (RuntimeException e) {
            counters.dropped.increment();
            LOG.warn("Listener {}: the handler failed on a request from {}", settings.name, remote, e);
            forget(key);
        }
    }

    private Counters network(String cidr) {
        return networks.computeIfAbsent(cidr, k -> new Counters(new MessageAuthenticatorGate(settings.requireMessageAuth)));
    }

    private void forget(DuplicateKey key) {
        if (key != null) {
            recent.remove(key);
            older.remove(key);
        }
    }

    /** A request's context; the record's accessors are the interface's, but for a copy of the peer's chain. */
    private record Context(String listener, InetSocketAddress remote, String clientNetwork, X509Certificate[] peer)
            implements RequestContext {
        @Override
        public Optional<X509Certificate[]> peerCertificates() {
            return Optional.ofNullable(peer == null ? null : peer.clone());
        }
    }
}
