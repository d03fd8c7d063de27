package dev.radsec.transport.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RadiusRequestHandler;
import dev.radsec.transport.RequestContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays NAS requests to RadSec destinations. The listener has verified the request with the NAS's secret and
 * will sign the answer for the NAS; the transport signs the forwarded request for the destination (new
 * Identifier and authenticator, hidden attributes re-hidden, Message-Authenticator recomputed). Proxy-State
 * travels with the request and comes back in the answer (RFC 2865 section 5.33).
 */
final class RelayHandler implements RadiusRequestHandler, DynamicRequestRouter {
    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final RelaySettings settings;
    private final RadiusClient client;
    private final RadiusClientImpl nasSender;
    private final AtomicBoolean outage = new AtomicBoolean();
    final LongAdder forwarded = new LongAdder();
    final LongAdder noDestination = new LongAdder();
    final LongAdder statusServer = new LongAdder();

    RelayHandler(RelaySettings settings, RadiusClient client) {
        this.settings = settings;
        this.client = client;
        this.nasSender = client instanceof RadiusClientImpl ? (RadiusClientImpl) client : null;
    }

    /**
     * Dynamic requests from a RadSec server: to the NAS named by NAS-IP-Address (or NAS-IPv6-Address) when it lies
     * in this relay's client networks, on {@code coa-port}, signed with that network's secret.
     */
    @Override
    public CompletionStage<RadiusPacket> route(int destinationId, RadiusPacket request) {
        java.net.InetAddress nas = request.first("NAS-IP-Address").or(() -> request.first("NAS-IPv6-Address"))
                .map(Attribute::asInetAddress).orElse(null);
        ClientNetworks.Client owner = nas == null ? null : settings.networks.find(nas);
        if (owner == null || nasSender == null) {
            LOG.info("Relay {}: {} from destination {} names no NAS of ours ({}): not routable", settings.name,
                    request.code(), destinationId, nas == null ? "no NAS-IP-Address" : nas.getHostAddress());
            return CompletableFuture.completedFuture(null);
        }
        RadiusPacket forward = request.toBuilder().authenticator(null).build();
        return nasSender.sendToNas(new java.net.InetSocketAddress(nas, settings.coaPort), owner.secret, forward)
                .handle((answer, failure) -> failure == null ? answer : null);
    }

    @Override
    public CompletionStage<RadiusPacket> handle(RequestContext context, RadiusPacket request) {
        if (request.code() == PacketCode.STATUS_SERVER) {
            // RFC 5997 section 3: answered here, never proxied.
            statusServer.increment();
            // RFC 5997 section 4: an accounting port answers with Accounting-Response.
            boolean accounting = context.listener().endsWith("-acct");
            return CompletableFuture.completedFuture(RadiusPacket.builder(
                    accounting ? PacketCode.ACCOUNTING_RESPONSE : PacketCode.ACCESS_ACCEPT, request.dictionary()).build());
        }
        List<Integer> route = settings.route(request.first("User-Name").map(Attribute::asString).orElse(null));
        return client.send(route, forwardable(request)).handle((response, failure) -> {
            if (failure == null) {
                forwarded.increment();
                if (outage.compareAndSet(true, false)) {
                    LOG.info("Relay {}: destinations {} answer again", settings.name, route);
                }
                // As it is: the listener gives it the NAS's Identifier and signs it for the NAS.
                return response;
            }
            noDestination.increment();
            if (outage.compareAndSet(false, true)) {
                // Once per outage, not once per packet.
                LOG.warn("Relay {}: no destination of {} answers: {}", settings.name, route,
                        failure instanceof java.util.concurrent.CompletionException ? failure.getCause().getMessage()
                                : failure.getMessage());
            }
            if (request.code() == PacketCode.ACCESS_REQUEST && settings.rejectWhenUnavailable) {
                return RadiusPacket.builder(PacketCode.ACCESS_REJECT, request.dictionary()).build();
            }
            return null; // no answer: the NAS retries or fails over
        });
    }

    /**
     * The request as it goes on. CHAP hashes the NAS's Request Authenticator when there is no CHAP-Challenge; the
     * forwarded request gets a new authenticator, so the original one travels as CHAP-Challenge (RFC 2865 5.40).
     */
    private static RadiusPacket forwardable(RadiusPacket request) {
        RadiusPacket.Builder b = request.toBuilder().authenticator(null);
        if (request.first("CHAP-Password").isPresent() && request.first("CHAP-Challenge").isEmpty()) {
            b.add("CHAP-Challenge", request.authenticator());
        }
        return b.build();
    }
}
