package dev.radsec.transport.internal;

import dev.radsec.codec.RadiusPacket;
import java.util.concurrent.CompletionStage;

/**
 * Takes a CoA-Request or Disconnect-Request that a RadSec server sent over a destination's connection
 * ({@code dynamic-requests = true}) to the NAS that owns the session, and returns the NAS's ACK or NAK.
 */
interface DynamicRequestRouter {
    /**
     * @return the NAS's answer, or a stage completing with {@code null} when no NAS owns the session or it did not
     *         answer; the destination then answers NAK with Error-Cause 502 (Request Not Routable)
     */
    CompletionStage<RadiusPacket> route(int destinationId, RadiusPacket request);
}
