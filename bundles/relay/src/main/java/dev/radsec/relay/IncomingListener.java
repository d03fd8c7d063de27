package dev.radsec.relay;

/**
 * The incoming CoA/Disconnect listener (PID {@code dev.radsec.incoming}, like MikroTik's {@code /radius incoming}):
 * a bundle that ends or changes sessions registers a {@code dev.radsec.transport.RadiusRequestHandler} service with
 * the service property {@code radsec.listener} set to {@link #NAME}, and gets the verified CoA-Request and
 * Disconnect-Request (RFC 5176) the listener takes. Without one, requests are answered with a NAK (Error-Cause 503
 * for a Disconnect, 405 for a CoA), never with silence.
 */
public final class IncomingListener {
    /** The listener's name, for the {@code radsec.listener} service property. */
    public static final String NAME = "incoming";

    private IncomingListener() {
    }
}
