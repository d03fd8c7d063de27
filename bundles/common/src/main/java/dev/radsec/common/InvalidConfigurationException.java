package dev.radsec.common;

/**
 * A configuration refused: names the key and says why, as {@code key: reason}. The running configuration stays.
 * Build it with {@link #of(String, Object, String, String)} for the usual shape
 * {@code key: 'value' reason (allowed)}.
 */
public final class InvalidConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidConfigurationException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
    }

    /**
     * @param value   what was configured
     * @param reason  e.g. "is not a whole number"
     * @param allowed e.g. "1-65535", or null
     */
    public static InvalidConfigurationException of(String key, Object value, String reason, String allowed) {
        return new InvalidConfigurationException(key, "'" + value + "' " + reason + (allowed == null ? "" : " (" + allowed + ")"));
    }

    /** The configuration key at fault. */
    public String key() {
        return key;
    }
}
