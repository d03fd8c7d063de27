package dev.radsec.auth.internal;

import java.util.Locale;

/**
 * The {@code jaas-order} of the realm {@code radsec}: which of RADIUS and Karaf's local users
 * ({@code etc/users.properties}) is asked first. Both are {@code sufficient}: the first that accepts the password
 * decides the user's roles, and the other is asked only when the first refuses. Its text is the configuration word.
 */
enum JaasOrder {
    /** RADIUS, then the local users: the local users are the fallback when RADIUS refuses or cannot be reached. */
    RADIUS_FIRST("radius-first"),
    /** The local users, then RADIUS, as MikroTik checks its local users before RADIUS. */
    LOCAL_FIRST("local-first");

    private final String text;

    JaasOrder(String text) {
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    static JaasOrder parse(String text) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        for (JaasOrder o : values()) {
            if (o.text.equals(word)) {
                return o;
            }
        }
        throw new IllegalArgumentException("'" + text.trim() + "' is none of radius-first, local-first");
    }

    @Override
    public String toString() {
        return text;
    }
}
