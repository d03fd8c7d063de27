package dev.radsec.transport;

import dev.radsec.codec.RadiusPacket;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes the CoA-Request and Disconnect-Request (RFC 5176) that a RadSec server sends over a destination's
 * connection (OSGi whiteboard service; the highest {@code service.ranking} is asked). The transport has verified
 * the request with the destination's secret, and only passes it on when the destination has
 * {@code dynamic-requests = true} and a {@code source-address}; otherwise it answers a NAK with Error-Cause 502
 * itself. The relay provides one, taking each request to the NAS that owns the session.
 */
@ConsumerType
public interface DynamicRequestHandler {
    /**
     * @return the NAS's ACK or NAK, or a stage completing with {@code null} when no NAS takes it: the server is then
     *         answered NAK with Error-Cause 502 (Request Not Routable), never silence
     */
    CompletionStage<RadiusPacket> handle(int destinationId, RadiusPacket request);
}
