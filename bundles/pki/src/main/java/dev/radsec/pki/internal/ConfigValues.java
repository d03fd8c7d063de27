package dev.radsec.pki.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads typed values from ConfigAdmin properties, rejecting bad ones with the key and reason. */
final class ConfigValues {
    private final Map<String, ?> properties;
    private final Path base;
    private final java.util.Set<String> read = new java.util.HashSet<>();

    ConfigValues(Map<String, ?> properties, Path base) {
        this.properties = properties;
        this.base = base;
    }

    /** Every read goes through here, so {@link #unknown()} knows what nothing read. */
    private Object get(String key) {
        read.add(key);
        return properties.get(key);
    }

    /**
     * The instance name of a factory configuration: its {@code name} key, else its {@link FactoryAlias}
     * ({@code etc/dev.radsec.pki.certificate-server.cfg} is "server"), else {@code defaultValue}.
     */
    String instanceName(String factoryPid, String defaultValue) {
        String alias = FactoryAlias.of(properties, factoryPid);
        return string("name", alias != null ? alias : defaultValue);
    }

    /** Keys nothing read, in order, framework keys (with a dot) left out: typos to warn about. */
    List<String> unknown() {
        return properties.keySet().stream().filter(k -> !read.contains(k) && !k.contains(".")).sorted()
                .collect(java.util.stream.Collectors.toList());
    }

    String string(String key, String defaultValue) {
        Object v = get(key);
        if (v == null) {
            return defaultValue;
        }
        String s = v.toString().trim();
        return s.isEmpty() ? defaultValue : s;
    }

    String requiredString(String key) throws InvalidConfigurationException {
        String s = string(key, null);
        if (s == null) {
            throw new InvalidConfigurationException(key, "is required");
        }
        return s;
    }

    long number(String key, long defaultValue, long min, long max) throws InvalidConfigurationException {
        Object v = get(key);
        long n;
        if (v == null || v.toString().trim().isEmpty()) {
            n = defaultValue;
        } else if (v instanceof Number) {
            n = ((Number) v).longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(key, "'" + v + "' is not a whole number");
            }
        }
        if (n < min || n > max) {
            throw new InvalidConfigurationException(key, n + " is outside " + min + ".." + max);
        }
        return n;
    }

    boolean bool(String key, boolean defaultValue) throws InvalidConfigurationException {
        Object v = get(key);
        if (v == null || v.toString().trim().isEmpty()) {
            return defaultValue;
        }
        String s = v.toString().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new InvalidConfigurationException(key, "'" + v + "' is neither true nor false");
    }

    /** A path; relative ones are resolved against the base directory (Karaf's etc). */
    Path path(String value) {
        Path p = Path.of(value);
        return p.isAbsolute() ? p : base.resolve(p);
    }

    /** A list: an array, a collection, or one comma-separated string (as cfg files write lists). */
    List<String> list(String key) {
        Object v = get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        Iterable<?> items;
        if (v instanceof Object[]) {
            items = List.of((Object[]) v);
        } else if (v instanceof Collection) {
            items = (Collection<?>) v;
        } else {
            items = List.of(v.toString().split(","));
        }
        for (Object item : items) {
            String s = item == null ? "" : item.toString().trim();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
