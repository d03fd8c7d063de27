package dev.radsec.transport.internal;

import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.DynamicRequestHandler;
import dev.radsec.transport.RadiusDictionary;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CoA-Request and Disconnect-Request a destination's server sends over our connection (RFC 5176 over RadSec).
 * With {@code dynamic-requests} on and a {@code source-address} set (Junos: otherwise "dynamic requests will be
 * rejected"), each goes to the {@link DynamicRequestHandler} (the relay, which takes it to the NAS owning the
 * session) and its answer comes back; otherwise, or when nobody takes it, the answer is a NAK with Error-Cause 502,
 * Request Not Routable: never silence. One that does not verify is discarded (RFC 5176 section 3.5) and counted.
 * Runs under the destination's monitor.
 */
final class DynamicRequests {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicRequests.class);

    private final SerialMonitor monitor;
    private final Supplier<DestinationSettings> settings;
    private final RadiusDictionary dictionary;
    private final SharedSecret secret;
    private final Counters counters;
    private final Consumer<RadiusDecodeException> dropped;
    private volatile DynamicRequestHandler handler;

    /** @param dropped counts a request that does not decode or verify */
    DynamicRequests(SerialMonitor monitor, Supplier<DestinationSettings> settings, RadiusDictionary dictionary,
                    SharedSecret secret, Counters counters, Consumer<RadiusDecodeException> dropped) {
        this.monitor = monitor;
        this.settings = settings;
        this.dictionary = dictionary;
        this.secret = secret;
        this.counters = counters;
        this.dropped = dropped;
    }

    void handler(DynamicRequestHandler handler) {
        this.handler = handler;
    }

    static boolean isDynamicRequest(byte[] packet) {
        int code = packet[0] & 0xFF;
        return code == PacketCode.COA_REQUEST.code() || code == PacketCode.DISCONNECT_REQUEST.code();
    }

    void received(Connection c, byte[] packet) {
        DestinationSettings s = settings.get();
        RadiusPacket request;
        try {
            request = dictionary.codec().decodeRequest(packet, 0, packet.length, secret,
                    MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        } catch (RadiusDecodeException e) {
            dropped.accept(e);
            LOG.debug("Destination {}: dynamic request dropped: {}", s.id, e.getMessage());
            return;
        }
        counters.dynamicRequests.increment();
        DynamicRequestHandler h = handler;
        if (!s.dynamicRequests || s.sourceAddress == null || h == null) {
            c.send(dictionary.codec().encodeResponse(notRoutable(request), request, secret));
            return;
        }
        monitor.later(() -> h.handle(s.id, request).handle((answer, failure) -> {
            RadiusPacket reply = answer != null && failure == null
                    ? answer.toBuilder().identifier(request.identifier()).build() : notRoutable(request);
            monitor.run(() -> {
                if (!c.gone) {
                    c.send(dictionary.codec().encodeResponse(reply, request, secret));
                }
            });
            return null;
        }));
    }

    private static RadiusPacket notRoutable(RadiusPacket request) {
        PacketCode nak = request.code() == PacketCode.COA_REQUEST ? PacketCode.COA_NAK : PacketCode.DISCONNECT_NAK;
        return RadiusPacket.builder(nak, request.dictionary()).identifier(request.identifier())
                .add("Error-Cause", 502L).build();
    }
}
