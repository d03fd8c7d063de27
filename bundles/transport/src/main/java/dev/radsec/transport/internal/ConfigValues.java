package dev.radsec.transport.internal;

import java.util.Map;

/** Typed reads of ConfigAdmin properties, rejecting bad values with the key and reason. */
final class ConfigValues {
    private final Map<String, ?> p;

    ConfigValues(Map<String, ?> p) {
        this.p = p;
    }

    String string(String key, String def) {
        Object o = p.get(key);
        String s = o == null ? "" : o.toString().trim();
        return s.isEmpty() ? def : s;
    }

    long number(String key, long def, long min, long max, boolean required) throws InvalidConfigurationException {
        String s = string(key, null);
        if (s == null) {
            if (required) {
                throw new InvalidConfigurationException(key, "is required (" + min + "-" + max + ")");
            }
            return def;
        }
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "'" + s + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new InvalidConfigurationException(key, n + " is outside " + min + "-" + max);
        }
        return n;
    }

    boolean bool(String key, boolean def) throws InvalidConfigurationException {
        String s = string(key, null);
        if (s == null) {
            return def;
        }
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new InvalidConfigurationException(key, "'" + s + "' is neither true nor false");
    }
}
