package dev.radsec.transport;

/** Why a request got no response. The subclasses are the only reasons. */
public abstract class RadiusTransportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int destinationId;

    protected RadiusTransportException(int destinationId, String message) {
        super(message);
        this.destinationId = destinationId;
    }

    /** The destination the request was last tried on. */
    public int destinationId() {
        return destinationId;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Outcomes of network traffic, not programming errors: the message says everything.
        return this;
    }
}
