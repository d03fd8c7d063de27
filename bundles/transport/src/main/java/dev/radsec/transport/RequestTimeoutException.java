package dev.radsec.transport;

/** No valid response arrived within the destination's {@code timeout} (after all UDP retries). */
public final class RequestTimeoutException extends RadiusTransportException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(int destinationId, String message) {
        super(destinationId, message);
    }
}
