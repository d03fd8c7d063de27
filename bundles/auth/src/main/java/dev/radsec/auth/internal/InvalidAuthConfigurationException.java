package dev.radsec.auth.internal;

/** A configuration value that cannot be used; the message names the key and the reason. */
final class InvalidAuthConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidAuthConfigurationException(String key, String reason) {
        super(key + ": " + reason);
    }
}
