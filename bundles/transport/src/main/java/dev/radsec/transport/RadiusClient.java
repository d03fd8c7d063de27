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
     *
     * <p>The destinations' MikroTik settings choose from the list, which otherwise keeps its order: a
     * {@code disabled} destination is skipped; one with {@code called-id} is used only for requests whose
     * Called-Station-Id matches it; one with {@code accounting-backup} is tried only for an Accounting-Request, and
     * only after every other destination of the list. When none is left, the stage fails with
     * {@link DestinationUnavailableException}. {@code service} is not looked at: see
     * {@link #send(List, RadiusPacket, Service)}.
     */
    CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request);

    /**
     * As {@link #send(List, RadiusPacket)}, for {@code service}: destinations whose {@code service} key does not
     * include it are skipped too. A relay sends for {@link Service#RELAY}.
     *
     * <p>The default, for implementations without services, is {@link #send(List, RadiusPacket)}.
     *
     * @since 0.7
     */
    default CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request, Service service) {
        return send(destinationIds, request);
    }

    /**
     * As {@link #send(List, RadiusPacket, Service)}, with the {@code rewrite-out} and {@code rewrite-in} keys of each
     * destination tried applied through {@code rewrites}: the request each destination gets is
     * {@link Rewrites#request} of it, and the answer the stage completes with is {@link Rewrites#response} of the
     * answering destination's answer. A destination whose keys name nothing is sent {@code request} as it is, and its
     * answer is taken as it is; {@code rewrites} is then not called.
     *
     * <p>The default, for implementations without destination settings, is {@link #send(List, RadiusPacket, Service)}.
     *
     * @since 0.8
     */
    default CompletionStage<RadiusPacket> send(List<Integer> destinationIds, RadiusPacket request, Service service,
                                               Rewrites rewrites) {
        return send(destinationIds, request, service);
    }

    /**
     * What a caller does to a request for one destination and to that destination's answer, as the destination's
     * {@code rewrite-out} and {@code rewrite-in} keys say: they name rewrites, which the transport carries and the
     * caller resolves (a relay's {@code dev.radsec.rewrite} configurations). Called on a transport thread, once per
     * destination tried and once per answer, and only for keys that name any. It must not block. What it throws ends
     * the send with that exception.
     *
     * @since 0.8
     */
    @org.osgi.annotation.versioning.ConsumerType
    interface Rewrites {
        /**
         * The request as destination {@code destinationId} is to get it.
         *
         * @param rewriteOut the destination's {@code rewrite-out} names, in order; never empty
         * @return the request to send; null when this destination cannot take it (a name is not configured): the
         *         list moves on to the next destination as if this one were unavailable
         */
        RadiusPacket request(int destinationId, List<String> rewriteOut, RadiusPacket request);

        /**
         * The answer of destination {@code destinationId} as the caller is to get it.
         *
         * @param rewriteIn the destination's {@code rewrite-in} names, in order; never empty
         * @return the answer; null to drop it (a name is not configured): the send then fails with
         *         {@link DestinationUnavailableException}, and is not tried on another destination, which would
         *         process the request a second time
         */
        RadiusPacket response(int destinationId, List<String> rewriteIn, RadiusPacket response);
    }

    /**
     * What a request is sent for, the words of a destination's {@code service} key (MikroTik {@code /radius
     * service}): {@code login} for logins (the auth bundle, JAAS), {@code relay} for relays.
     *
     * @since 0.7
     */
    enum Service {
        LOGIN, RELAY;

        /** The word of the {@code service} key: {@code login}, {@code relay}. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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
     * filled in, the secret shown as {@code ******}; e.g. {@code service} is {@code login,relay}, {@code login} or
     * {@code relay}, and {@code timeout} whole seconds ({@code 5}) or milliseconds ({@code 300ms}).
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
