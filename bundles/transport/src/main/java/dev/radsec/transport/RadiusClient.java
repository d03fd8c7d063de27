package dev.radsec.transport;

import dev.radsec.codec.RadiusPacket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends RADIUS requests to configured destinations.
 *
 * <p>The request's Identifier and authenticator are the transport's to choose; everything else is sent as built.
 * The returned stage completes with the verified response, or exceptionally with a
 * {@link RadiusTransportException}: {@link RequestTimeoutException}, {@link DestinationUnavailableException} or
 * {@link QueueFullException}. It never stays incomplete.
 */
@ProviderType
public interface RadiusClient {

    /** Sends to one destination, by its configured {@code id}. */
    CompletionStage<RadiusPacket> send(int destinationId, RadiusPacket request);

    /**
     * Sends to the first destination of the list that is up, moving down the list when a destination is
     * unavailable or its queue is full. A timeout is not failed over: the request may have been processed.
     */
    CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request);

    /**
     * Sends to a RADIUS/UDP server named by address rather than by a configured destination, with the same
     * guarantees: the verified response, or a {@link RequestTimeoutException} once every transmission went
     * unanswered.
     */
    CompletionStage<RadiusPacket> send(UdpServer server, RadiusPacket request);

    /** Counters and state of one destination. */
    Optional<DestinationStatistics> statistics(int destinationId);

    /** The configured destination ids, ascending. */
    List<Integer> destinations();

    /**
     * The destination's configuration in effect: every {@code dev.radsec.destination} key with its value, defaults
     * filled in, the secret shown as {@code ******}.
     */
    Optional<Map<String, String>> configuration(int destinationId);

    /** Sets the destination's counters to zero; false when there is no such destination. */
    boolean resetStatistics(int destinationId);

    /**
     * Opens a new connection to the destination and drains the current ones: they take no new requests and close
     * once their last request is answered or timed out. False when there is no such destination.
     */
    boolean reconnect(int destinationId);

    /**
     * Checks a {@code dev.radsec.destination} configuration exactly as the destination service would apply it.
     *
     * @throws IllegalArgumentException naming the key and the reason, e.g. {@code timeout: 0 is outside 1-300}
     */
    void validateDestination(Map<String, ?> properties);
}
