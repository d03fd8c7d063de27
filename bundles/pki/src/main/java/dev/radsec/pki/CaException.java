package dev.radsec.pki;

/** An organisation CA operation that could not be done; the message says why. Never carries key material. */
public final class CaException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaException(String message) {
        super(message);
    }

    public CaException(String message, Throwable cause) {
        super(message, cause);
    }
}
