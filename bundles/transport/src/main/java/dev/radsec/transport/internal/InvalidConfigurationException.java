package dev.radsec.transport.internal;

/** A configuration value that is rejected; the message names the key and the reason. */
public final class InvalidConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidConfigurationException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
