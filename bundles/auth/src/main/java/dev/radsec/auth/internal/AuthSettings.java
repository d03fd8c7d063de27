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
    final JaasOrder jaasOrder;
    /** Keys of the configuration that none of the above reads: typos, logged as warnings. */
    final List<String> unknownKeys;

    /** Every key of the PID, as the metatype ({@link AuthConfig}) and a cfg file name them, in metatype order. */
    static final List<String> KEYS = List.of("destination", "host", "port", "secret", "unregistered-user-policies",
            "dial-timeout", "read-timeout", "nas-port", "nas-identifier", "policy-attribute", "username-case-sensitive",
            "require-message-auth", "policy-roles", "jaas-order");

    /** The defaults, as a cfg file writes them; a key not listed has none. */
    static final Map<String, String> DEFAULTS = Map.of("port", "1812", "dial-timeout", "10", "read-timeout", "10",
            "nas-port", "10", "username-case-sensitive", "true", "require-message-auth", "auto",
            "jaas-order", "radius-first");

    /** The keys whose value is a comma-separated list. */
    private static final Set<String> LIST_KEYS = Set.of("unregistered-user-policies", "policy-roles");

    /** How the secret reads wherever it is shown. */
    static final String HIDDEN = "******";

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
        port = (int) v.number("port", defaultNumber("port"), 1, 65535);
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
        dialTimeout = Duration.ofSeconds(v.number("dial-timeout", defaultNumber("dial-timeout"), 1, 300));
        readTimeout = Duration.ofSeconds(v.number("read-timeout", defaultNumber("read-timeout"), 1, 300));
        nasPort = (int) v.number("nas-port", defaultNumber("nas-port"), 0, Integer.MAX_VALUE);
        nasIdentifier = v.string("nas-identifier", null);
        policyAttribute = v.string("policy-attribute", null);
        if (policyAttribute != null && dictionary.attribute(policyAttribute).isEmpty()) {
            throw new InvalidConfigurationException("policy-attribute",
                    "'" + policyAttribute + "' is not an attribute of the dictionary (e.g. Class, Filter-Id)");
        }
        caseSensitive = v.bool("username-case-sensitive", Boolean.parseBoolean(DEFAULTS.get("username-case-sensitive")));
        requireMessageAuth = v.choice("require-message-auth", RequireMessageAuth.parse(DEFAULTS.get("require-message-auth")),
                RequireMessageAuth::parse);
        policyRoles = pairs("policy-roles", v.list("policy-roles"));
        jaasOrder = v.choice("jaas-order", JaasOrder.parse(DEFAULTS.get("jaas-order")), JaasOrder::parse);
        unknownKeys = v.unknownKeys();
    }

    private static long defaultNumber(String key) {
        return Long.parseLong(DEFAULTS.get(key));
    }

    /**
     * Every key of {@link #KEYS} with the value in force, as a cfg file writes it: defaults filled in, lists joined
     * with ",", empty for a key without value; the secret as {@value #HIDDEN} when set.
     */
    Map<String, String> effective() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("destination", destination == 0 ? "" : String.valueOf(destination));
        m.put("host", host == null ? "" : host);
        m.put("port", String.valueOf(port));
        m.put("secret", secret == null ? "" : HIDDEN);
        m.put("unregistered-user-policies", String.join(",", unregisteredUserPolicies));
        m.put("dial-timeout", String.valueOf(dialTimeout.getSeconds()));
        m.put("read-timeout", String.valueOf(readTimeout.getSeconds()));
        m.put("nas-port", String.valueOf(nasPort));
        m.put("nas-identifier", nasIdentifier == null ? "" : nasIdentifier);
        m.put("policy-attribute", policyAttribute == null ? "" : policyAttribute);
        m.put("username-case-sensitive", String.valueOf(caseSensitive));
        m.put("require-message-auth", requireMessageAuth.toString());
        List<String> roles = new ArrayList<>();
        policyRoles.forEach((policy, role) -> roles.add(policy + "=" + role));
        m.put("policy-roles", String.join(",", roles));
        m.put("jaas-order", jaasOrder.toString());
        return m;
    }

    /**
     * What {@link #effective()} shows for a stored configuration that is not in force (rejected, or not applied
     * yet): each key's stored text (a Vault spelling when only that is set), else its default; the secret hidden.
     */
    static Map<String, String> shown(Map<String, ?> stored) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : KEYS) {
            Object value = stored.get(key);
            for (Map.Entry<String, String> alias : VAULT_ALIASES.entrySet()) {
                if (value == null && alias.getValue().equals(key)) {
                    value = stored.get(alias.getKey());
                }
            }
            String text = value == null ? ""
                    : LIST_KEYS.contains(key) ? String.join(",", ConfigReader.items(value)) : value.toString().trim();
            if (key.equals("secret") && !text.isEmpty()) {
                text = HIDDEN;
            }
            m.put(key, text.isEmpty() ? DEFAULTS.getOrDefault(key, "") : text);
        }
        return m;
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
                + unregisteredUserPolicies + ", read-timeout " + readTimeout.getSeconds() + " s, jaas-order " + jaasOrder;
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
