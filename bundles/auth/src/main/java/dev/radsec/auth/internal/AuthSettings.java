package dev.radsec.auth.internal;

import dev.radsec.codec.RequireMessageAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The validated {@code dev.radsec.auth} configuration. Immutable; {@link #toString()} never shows the secret. */
final class AuthSettings {
    /** Vault refuses these as unregistered-user policies: they would hand strangers the keys. */
    private static final Set<String> FORBIDDEN_DEFAULT_POLICIES = Set.of("root", "admin");

    /** 0: none; then {@link #host} is used. */
    final int destination;
    final String host;
    final int port;
    final String secret;
    final List<String> unregisteredUserPolicies;
    final Duration dialTimeout;
    final Duration readTimeout;
    final int nasPort;
    final String nasIdentifier;
    final String policyAttribute;
    final boolean caseSensitive;
    final RequireMessageAuth requireMessageAuth;
    final Map<String, String> policyRoles;
    /** Keys of the configuration that none of the above reads: typos, logged as warnings. */
    final List<String> unknownKeys;

    /** Vault's spellings of our keys (its radius auth method's config), accepted as they are. */
    static final Map<String, String> VAULT_ALIASES = Map.of(
            "unregistered_user_policies", "unregistered-user-policies",
            "dial_timeout", "dial-timeout",
            "read_timeout", "read-timeout",
            "nas_port", "nas-port",
            "nas_identifier", "nas-identifier");

    private final Set<String> read = new java.util.HashSet<>();

    AuthSettings(Map<String, ?> p) throws InvalidAuthConfigurationException {
        this(p, dev.radsec.codec.Dictionary.standard());
    }

    /** @param dictionary what {@code policy-attribute} must name an attribute of */
    AuthSettings(Map<String, ?> p, dev.radsec.codec.Dictionary dictionary) throws InvalidAuthConfigurationException {
        destination = number(p, "destination", 0, 1, 65535);
        host = text(p, "host");
        port = number(p, "port", 1812, 1, 65535);
        secret = text(p, "secret");
        if (destination == 0 && host == null) {
            throw new InvalidAuthConfigurationException("destination",
                    "is required, or host (with port and secret) for plain UDP");
        }
        if (destination != 0 && host != null) {
            throw new InvalidAuthConfigurationException("host", "and destination are both set; choose one");
        }
        if (host != null && secret == null) {
            throw new InvalidAuthConfigurationException("secret", "is required with host");
        }
        unregisteredUserPolicies = list(p, "unregistered-user-policies");
        for (String policy : unregisteredUserPolicies) {
            if (FORBIDDEN_DEFAULT_POLICIES.contains(policy.toLowerCase(Locale.ROOT))) {
                throw new InvalidAuthConfigurationException("unregistered-user-policies",
                        "'" + policy + "' is not allowed: it would give every authenticated stranger full control");
            }
        }
        dialTimeout = Duration.ofSeconds(number(p, "dial-timeout", 10, 1, 300));
        readTimeout = Duration.ofSeconds(number(p, "read-timeout", 10, 1, 300));
        nasPort = number(p, "nas-port", 10, 0, Integer.MAX_VALUE);
        nasIdentifier = text(p, "nas-identifier");
        policyAttribute = text(p, "policy-attribute");
        if (policyAttribute != null && dictionary.attribute(policyAttribute).isEmpty()) {
            throw new InvalidAuthConfigurationException("policy-attribute",
                    "'" + policyAttribute + "' is not an attribute of the dictionary (e.g. Class, Filter-Id)");
        }
        caseSensitive = bool(p, "username-case-sensitive", true);
        String require = text(p, "require-message-auth");
        try {
            requireMessageAuth = require == null ? RequireMessageAuth.AUTO : RequireMessageAuth.parse(require);
        } catch (IllegalArgumentException e) {
            throw new InvalidAuthConfigurationException("require-message-auth", e.getMessage());
        }
        policyRoles = pairs(p, "policy-roles");
        unknownKeys = p.keySet().stream().filter(k -> !read.contains(k) && !k.contains(".")).sorted()
                .collect(java.util.stream.Collectors.toList());
    }

    /** The username as matched against mappings. */
    String mappingKey(String username) {
        String trimmed = username.trim();
        return caseSensitive ? trimmed : trimmed.toLowerCase(Locale.ROOT);
    }

    /** The Karaf role a policy grants: as mapped in {@code policy-roles}, else the policy's own name. */
    String role(String policy) {
        return policyRoles.getOrDefault(policy, policy);
    }

    String server() {
        return destination != 0 ? "destination " + destination : "udp " + host + ":" + port;
    }

    @Override
    public String toString() {
        return "logins via " + server() + (host != null ? " (secret ******)" : "") + ", unregistered-user-policies "
                + unregisteredUserPolicies + ", read-timeout " + readTimeout.getSeconds() + " s";
    }

    /** The value of {@code key}, or of its Vault spelling; null when neither is set. */
    private String text(Map<String, ?> p, String key) {
        Object v = raw(p, key);
        String s = v == null ? null : String.valueOf(v).trim();
        return s == null || s.isEmpty() ? null : s;
    }

    private Object raw(Map<String, ?> p, String key) {
        read.add(key);
        Object v = p.get(key);
        for (Map.Entry<String, String> alias : VAULT_ALIASES.entrySet()) {
            if (alias.getValue().equals(key)) {
                read.add(alias.getKey());
                if (v == null) {
                    v = p.get(alias.getKey());
                }
            }
        }
        return v;
    }

    private int number(Map<String, ?> p, String key, int otherwise, int min, int max)
            throws InvalidAuthConfigurationException {
        String s = text(p, key);
        if (s == null) {
            return otherwise;
        }
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidAuthConfigurationException(key, "'" + s + "' is not a number");
        }
        if (n < min || n > max) {
            throw new InvalidAuthConfigurationException(key, n + " is outside " + min + "-" + max);
        }
        return (int) n;
    }

    private boolean bool(Map<String, ?> p, String key, boolean otherwise) throws InvalidAuthConfigurationException {
        String s = text(p, key);
        if (s == null) {
            return otherwise;
        }
        if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
            throw new InvalidAuthConfigurationException(key, "'" + s + "' is neither true nor false");
        }
        return Boolean.parseBoolean(s);
    }

    private List<String> list(Map<String, ?> p, String key) {
        return commaSeparated(raw(p, key));
    }

    /** The distinct, trimmed, non-empty items of a comma-separated value (or of each string of an array). */
    static List<String> commaSeparated(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String[]) {
            for (String s : (String[]) value) {
                split(s, out);
            }
        } else if (value != null) {
            split(String.valueOf(value), out);
        }
        return out;
    }

    private static void split(String s, List<String> out) {
        for (String part : s.split(",")) {
            String t = part.trim();
            if (!t.isEmpty() && !out.contains(t)) {
                out.add(t);
            }
        }
    }

    private Map<String, String> pairs(Map<String, ?> p, String key) throws InvalidAuthConfigurationException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : list(p, key)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new InvalidAuthConfigurationException(key, "'" + pair + "' is not policy=role");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }
}
