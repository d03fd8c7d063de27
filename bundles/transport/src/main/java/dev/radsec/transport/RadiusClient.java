package dev.radsec.transport;

import dev.radsec.codec.RadiusPacket;
import java.util.List;
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

    /** Counters and state of one destination. */
    Optional<DestinationStatistics> statistics(int destinationId);

    /** The configured destination ids, ascending. */
    List<Integer> destinations();
}
