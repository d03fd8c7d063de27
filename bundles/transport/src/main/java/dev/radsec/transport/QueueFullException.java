package dev.radsec.transport;

/** The destination already holds {@code max-tx-buffers} requests waiting to be sent. */
public final class QueueFullException extends RadiusTransportException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(int destinationId, String message) {
        super(destinationId, message);
    }
}
