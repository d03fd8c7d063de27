package dev.radsec.auth.internal;

import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.common.ConfigReader;
import dev.radsec.common.InvalidConfigurationException;
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


    AuthSettings(Map<String, ?> p) throws InvalidConfigurationException {
        this(p, dev.radsec.codec.Dictionary.standard());
    }

    /** @param dictionary what {@code policy-attribute} must name an attribute of */
    AuthSettings(Map<String, ?> p, dev.radsec.codec.Dictionary dictionary) throws InvalidConfigurationException {
        ConfigReader v = new ConfigReader(p);
        VAULT_ALIASES.forEach(v::alias);
        destination = (int) v.number("destination", 0, 1, 65535);
        host = v.string("host", null);
        port = (int) v.number("port", 1812, 1, 65535);
        secret = v.string("secret", null);
        if (destination == 0 && host == null) {
            throw new InvalidConfigurationException("destination",
                    "is required, or host (with port and secret) for plain UDP");
        }
        if (destination != 0 && host != null) {
            throw new InvalidConfigurationException("host", "and destination are both set; choose one");
        }
        if (host != null && secret == null) {
            throw new InvalidConfigurationException("secret", "is required with host");
        }
        unregisteredUserPolicies = v.list("unregistered-user-policies");
        for (String policy : unregisteredUserPolicies) {
            if (FORBIDDEN_DEFAULT_POLICIES.contains(policy.toLowerCase(Locale.ROOT))) {
                throw new InvalidConfigurationException("unregistered-user-policies",
                        "'" + policy + "' is not allowed: it would give every authenticated stranger full control");
            }
        }
        dialTimeout = Duration.ofSeconds(v.number("dial-timeout", 10, 1, 300));
        readTimeout = Duration.ofSeconds(v.number("read-timeout", 10, 1, 300));
        nasPort = (int) v.number("nas-port", 10, 0, Integer.MAX_VALUE);
        nasIdentifier = v.string("nas-identifier", null);
        policyAttribute = v.string("policy-attribute", null);
        if (policyAttribute != null && dictionary.attribute(policyAttribute).isEmpty()) {
            throw new InvalidConfigurationException("policy-attribute",
                    "'" + policyAttribute + "' is not an attribute of the dictionary (e.g. Class, Filter-Id)");
        }
        caseSensitive = v.bool("username-case-sensitive", true);
        requireMessageAuth = v.choice("require-message-auth", RequireMessageAuth.AUTO, RequireMessageAuth::parse);
        policyRoles = pairs("policy-roles", v.list("policy-roles"));
        unknownKeys = v.unknownKeys();
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

    private static Map<String, String> pairs(String key, List<String> items) throws InvalidConfigurationException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : items) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new InvalidConfigurationException(key, "'" + pair + "' is not policy=role");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }
}
