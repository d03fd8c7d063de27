package dev.radsec.transport.internal;

import dev.radsec.codec.RequireMessageAuth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Typed reads of ConfigAdmin properties, rejecting bad values with the key and reason. */
final class ConfigValues {
    private final Map<String, ?> p;
    private final Set<String> read = new HashSet<>();

    ConfigValues(Map<String, ?> p) {
        this.p = p;
    }

    /**
     * The instance name of a factory configuration: its {@code name} key, else its {@link FactoryAlias}, else
     * {@code def}.
     */
    String instanceName(String factoryPid, String def) {
        String alias = FactoryAlias.of(p, factoryPid);
        return string("name", alias != null ? alias : def);
    }

    /**
     * The keys of the configuration nothing read, in order: typos to warn about. Framework keys (they hold a dot,
     * e.g. {@code service.pid}, {@code felix.fileinstall.filename}) are not ours to judge.
     */
    List<String> unknown() {
        return p.keySet().stream().filter(k -> !read.contains(k) && !k.contains(".")).sorted()
                .collect(Collectors.toList());
    }

    String string(String key, String def) {
        read.add(key);
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

    /** {@code require-message-auth}: true, false or auto. */
    RequireMessageAuth requireMessageAuth(RequireMessageAuth def) throws InvalidConfigurationException {
        String s = string("require-message-auth", null);
        try {
            return s == null ? def : RequireMessageAuth.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("require-message-auth", e.getMessage());
        }
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
