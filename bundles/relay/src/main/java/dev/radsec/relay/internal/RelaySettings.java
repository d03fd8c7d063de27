package dev.radsec.relay.internal;

import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.common.ConfigReader;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.codec.SharedSecret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated configuration of one relay (factory PID {@code dev.radsec.relay}): the NAS-facing ports and
 * clients, and where requests go, by realm or in a failover order. The client networks themselves are validated
 * by the listeners the relay opens.
 */
final class RelaySettings {
    final String name;
    /** NAS devices send RADIUS/UDP (two ports), or access points send RadSec (one TLS port). */
    final boolean radsec;
    final String listenAddress;
    final int port;
    final String tlsCertificate;
    /** dtls: the largest datagram of a handshake flight. */
    final int mtu;
    /** Access points speak RADIUS/DTLS (RFC 7360) rather than RadSec; {@link #radsec} is then true as well. */
    final boolean dtls;
    /** PKI pre-shared key names whose identities RadSec clients may use; blank: none. */
    final String tlsPsk;
    final String tlsTrust;
    final String allowedPeerNames;
    final Duration tlsTimeout;
    final int authPort;
    final int acctPort;
    final String clients;
    /** Where dynamic requests go on a NAS (RFC 5176). */
    final int coaPort;
    final String secret;
    final List<Integer> destinations;
    /** Realm (lower case, or {@code *}) to ordered destination ids. */
    final Map<String, List<Integer>> realms;
    /** The default realm, lower case, for routing: MikroTik's {@code realm}; null: none. */
    final String defaultRealm;
    /** The default realm as configured, appended to User-Names without one when {@link #realmAppend}. */
    final String realm;
    /** MikroTik: {@code user} goes on as {@code user@realm}; routing still reads the name as the NAS sent it. */
    final boolean realmAppend;
    final RequireMessageAuth requireMessageAuth;
    final boolean rejectWhenUnavailable;
    /** How each request's destinations are ordered. */
    final Balance balance;
    /** keyed: the attributes whose values, one after another, are an Access-Request's key. */
    final List<String> balanceKey;
    /** Destination id to weight (round-robin, keyed); an id not listed weighs 1. */
    final Map<Integer, Integer> weights;
    /** The accounting spool's limit in MiB; 0: nothing is spooled. */
    final int accountingSpoolMax;
    /** Rewrites applied to requests as they arrive from a NAS, in order; empty: none. */
    final List<String> rewriteIn;
    /** Rewrites applied to answers as they leave for the NAS, in order; empty: none. */
    final List<String> rewriteOut;
    /** Realm (lower case, or {@code *}) to the rewrites of its requests and their answers, in order. */
    final Map<String, List<String>> realmRewrites;
    final List<String> unknownKeys;

    /** The default {@code balance-key}: what FreeRADIUS recommends for EAP. */
    static final List<String> DEFAULT_BALANCE_KEY = List.of("Calling-Station-Id", "Called-Station-Id", "User-Name");
    /** The default {@code accounting-spool-max}, MiB: about 300,000 records of 200 octets. */
    static final int DEFAULT_ACCOUNTING_SPOOL_MAX = 64;
    /** The largest {@code accounting-spool-max}, MiB (1 TiB). */
    static final int MAX_ACCOUNTING_SPOOL_MAX = 1 << 20;
    /** The largest weight: ratios up to 100:1 are enough to say anything about servers. */
    static final int MAX_WEIGHT = 100;

    /** With {@code balance-key} names checked against the bundled dictionary. */
    RelaySettings(Map<String, ?> properties) throws InvalidConfigurationException {
        this(properties, Dictionary.standard());
    }

    /** @param dictionary the one {@code balance-key} names must be in: the dictionary in effect */
    RelaySettings(Map<String, ?> properties, Dictionary dictionary) throws InvalidConfigurationException {
        ConfigReader v = new ConfigReader(properties);
        // etc/dev.radsec.relay-branch.cfg is relay "branch"; a name key overrides it.
        name = v.instanceName("dev.radsec.relay", "default");
        String proto = v.string("protocol", "udp").toLowerCase(Locale.ROOT);
        if (!proto.equals("udp") && !proto.equals("radsec") && !proto.equals("dtls")) {
            throw new InvalidConfigurationException("protocol", "'" + proto + "' is not udp, radsec or dtls");
        }
        dtls = proto.equals("dtls");
        radsec = proto.equals("radsec") || dtls; // access points over TLS or DTLS: the same tls-* keys
        listenAddress = v.string("listen-address", "127.0.0.1");
        port = (int) v.number("port", 2083, 0, 65535);
        tlsCertificate = v.string("tls-certificate", null);
        tlsPsk = v.string("tls-psk", "");
        if (radsec && tlsCertificate == null && tlsPsk.isBlank()) {
            throw new InvalidConfigurationException("tls-certificate", "(or tls-psk) is required when protocol is "
                    + proto);
        }
        tlsTrust = v.string("tls-trust", "default");
        allowedPeerNames = v.string("allowed-peer-names", "");
        tlsTimeout = Duration.ofSeconds(v.number("tls-timeout", 5, 3, 90));
        mtu = (int) v.number("mtu", 1400, 512, 4352);
        authPort = (int) v.number("auth-port", 1812, 0, 65535);
        acctPort = (int) v.number("acct-port", 1813, 0, 65535);
        secret = v.string("secret", dtls ? dev.radsec.transport.DestinationKeys.DTLS_SECRET
                : radsec ? SharedSecret.RADSEC_DEFAULT : null);
        clients = v.string("clients", "127.0.0.1/32");
        coaPort = (int) v.number("coa-port", 3799, 1, 65535);
        destinations = ids("destinations", v.string("destinations", ""));
        realms = new LinkedHashMap<>();
        for (String entry : v.list("realms")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigurationException("realms", "'" + entry + "' is not realm=id[ id...]");
            }
            realms.put(entry.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                    ids("realms", entry.substring(eq + 1).trim().replace(' ', ';')));
        }
        if (destinations.isEmpty() && realms.isEmpty()) {
            throw new InvalidConfigurationException("destinations", "is required (or realms)");
        }
        realm = v.string("realm", null);
        if (realm != null && (realm.indexOf('@') >= 0 || realm.chars().anyMatch(Character::isWhitespace))) {
            throw InvalidConfigurationException.of("realm", realm, "is not a realm: no @ or spaces", null);
        }
        defaultRealm = realm == null ? null : realm.toLowerCase(Locale.ROOT);
        realmAppend = v.bool("realm-append", false);
        if (realmAppend && realm == null) {
            throw new InvalidConfigurationException("realm-append", "needs realm: the realm to append");
        }
        requireMessageAuth = v.choice("require-message-auth", radsec ? RequireMessageAuth.FALSE : RequireMessageAuth.AUTO,
                RequireMessageAuth::parse);
        rejectWhenUnavailable = v.bool("reject-when-unavailable", false);
        balance = v.choice("balance", Balance.FAILOVER, Balance::parse);
        balanceKey = balanceKey(v.list("balance-key"), dictionary);
        weights = weights(v.list("weights"), allDestinations());
        accountingSpoolMax = (int) v.number("accounting-spool-max", DEFAULT_ACCOUNTING_SPOOL_MAX, 0,
                MAX_ACCOUNTING_SPOOL_MAX);
        rewriteIn = Rewrite.names("rewrite-in", v.list("rewrite-in"));
        rewriteOut = Rewrite.names("rewrite-out", v.list("rewrite-out"));
        realmRewrites = realmRewrites(v.list("realm-rewrites"));
        unknownKeys = v.unknownKeys();
    }

    /** {@code example.org=visited, *=default}: each realm once, each with one or more rewrite names. */
    private static Map<String, List<String>> realmRewrites(List<String> entries) throws InvalidConfigurationException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String realm = eq <= 0 ? "" : entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            List<String> names = eq <= 0 ? List.of() : List.of(entry.substring(eq + 1).trim().split("\\s+"));
            if (realm.isEmpty() || names.isEmpty() || names.get(0).isEmpty()) {
                throw InvalidConfigurationException.of("realm-rewrites", entry, "is not realm=rewrite[ rewrite...]",
                        "e.g. example.org=visited, *=default");
            }
            if (out.put(realm, Rewrite.names("realm-rewrites", names)) != null) {
                throw InvalidConfigurationException.of("realm-rewrites", entry, "names realm " + realm + " a second time",
                        null);
            }
        }
        return Map.copyOf(out);
    }

    /**
     * The entry of {@code realm-rewrites} for a User-Name: its realm, else the default realm, else {@code *}, as
     * routing chooses destinations; null when none applies.
     */
    String rewriteRealm(String userName) {
        if (realmRewrites.isEmpty()) {
            return null;
        }
        String realm = hasRealm(userName) ? userName.substring(userName.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)
                : defaultRealm;
        if (realm != null && realmRewrites.containsKey(realm)) {
            return realm;
        }
        return realmRewrites.containsKey("*") ? "*" : null;
    }

    /** Every destination id the relay may send to (its list and its realms'), ascending. */
    List<Integer> allDestinations() {
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>(destinations);
        realms.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /** Attribute names of the dictionary, as the dictionary spells them; none given: the default. */
    private static List<String> balanceKey(List<String> names, Dictionary dictionary)
            throws InvalidConfigurationException {
        if (names.isEmpty()) {
            return DEFAULT_BALANCE_KEY;
        }
        List<String> out = new ArrayList<>();
        for (String name : names) {
            AttributeDefinition d = dictionary.attribute(name).orElseThrow(() ->
                    InvalidConfigurationException.of("balance-key", name, "is not an attribute of the dictionary", null));
            if (d.isVirtual()) {
                throw InvalidConfigurationException.of("balance-key", name, "is never in a packet (virtual)", null);
            }
            out.add(d.name());
        }
        return List.copyOf(out);
    }

    /** {@code 11:2, 12:1}: each id one the relay sends to, each weight 1-{@value #MAX_WEIGHT}, each id once. */
    private static Map<Integer, Integer> weights(List<String> entries, List<Integer> known)
            throws InvalidConfigurationException {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw InvalidConfigurationException.of("weights", entry, "is not id:weight", "e.g. 11:2");
            }
            int id;
            int weight;
            try {
                id = Integer.parseInt(entry.substring(0, colon).trim());
                weight = Integer.parseInt(entry.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw InvalidConfigurationException.of("weights", entry, "is not id:weight", "whole numbers, e.g. 11:2");
            }
            if (!known.contains(id)) {
                throw InvalidConfigurationException.of("weights", entry, "names destination " + id
                        + ", which is not in destinations or realms", "they hold " + known);
            }
            if (weight < 1 || weight > MAX_WEIGHT) {
                throw InvalidConfigurationException.of("weights", entry, "has a weight outside 1-" + MAX_WEIGHT, null);
            }
            if (out.put(id, weight) != null) {
                throw InvalidConfigurationException.of("weights", entry, "weighs destination " + id + " a second time",
                        null);
            }
        }
        return Map.copyOf(out);
    }

    /** Whether a User-Name names a realm: {@code @} followed by at least one character. */
    static boolean hasRealm(String userName) {
        int at = userName == null ? -1 : userName.lastIndexOf('@');
        return at >= 0 && at < userName.length() - 1;
    }

    /**
     * The User-Name forwarded: with {@code realm-append}, a name without a realm gets {@code @realm} ({@code alice}
     * is {@code alice@example.org}, {@code alice@} is {@code alice@example.org}); otherwise, and for a name with a
     * realm, the name as it came.
     */
    String forwardedUserName(String userName) {
        if (!realmAppend || userName == null || hasRealm(userName)) {
            return userName;
        }
        return (userName.endsWith("@") ? userName : userName + "@") + realm;
    }

    private static List<Integer> ids(String key, String text) throws InvalidConfigurationException {
        List<Integer> out = new ArrayList<>();
        for (String s : text.split("[,;]")) {
            if (s.isBlank()) {
                continue;
            }
            try {
                int id = Integer.parseInt(s.trim());
                if (id < 1 || id > 65535) {
                    throw new NumberFormatException();
                }
                out.add(id);
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(key, "'" + s.trim() + "' is not a destination id (1-65535)");
            }
        }
        return out;
    }

    /** The destinations for a User-Name: its realm's, else the default realm's, else {@code *}, else the list. */
    List<Integer> route(String userName) {
        String realm = null;
        if (hasRealm(userName)) {
            realm = userName.substring(userName.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        } else if (defaultRealm != null) {
            realm = defaultRealm;
        }
        if (realm != null && realms.containsKey(realm)) {
            return realms.get(realm);
        }
        if (realms.containsKey("*")) {
            return realms.get("*");
        }
        return destinations;
    }
}
