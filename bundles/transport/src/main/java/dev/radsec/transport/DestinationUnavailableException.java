package dev.radsec.transport;

/** The destination is not configured, not connected, or its connection failed while the request was pending. */
public final class DestinationUnavailableException extends RadiusTransportException {
    private static final long serialVersionUID = 1L;

    public DestinationUnavailableException(int destinationId, String message) {
        super(destinationId, message);
    }
}
