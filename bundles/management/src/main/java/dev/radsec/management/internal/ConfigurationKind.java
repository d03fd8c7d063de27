package dev.radsec.management.internal;

import dev.radsec.common.ConfigReader;
import java.util.Map;

/**
 * A kind of configuration that JMX and the shell write: its PID, whether it is a factory PID, and how an instance is
 * named. A destination is named by its {@code id} key and written to {@code etc/dev.radsec.destination-<id>.cfg};
 * relays and listeners by the name Karaf gives them ({@code etc/dev.radsec.relay-<name>.cfg}, or their {@code name}
 * key); a singleton PID has one configuration, {@code etc/<pid>.cfg}.
 *
 * @param pid         the (factory) PID
 * @param factory     whether {@code pid} is a factory PID
 * @param noun        what operators call one, for messages: {@code destination}, {@code relay}
 * @param identityKey the key that holds an instance's name ({@code id}, {@code name}); null for a singleton
 * @param defaultName the name of an instance that has neither that key nor a name from Karaf (a relay's
 *                    {@code default}); null for none
 */
public record ConfigurationKind(String pid, boolean factory, String noun, String identityKey, String defaultName) {
    public static final ConfigurationKind DESTINATION =
            new ConfigurationKind("dev.radsec.destination", true, "destination", "id", null);
    public static final ConfigurationKind RELAY =
            new ConfigurationKind("dev.radsec.relay", true, "relay", "name", "default");
    public static final ConfigurationKind LISTENER =
            new ConfigurationKind("dev.radsec.listener", true, "listener", "name", null);
    public static final ConfigurationKind INCOMING = singleton("dev.radsec.incoming", "incoming");
    public static final ConfigurationKind AUTH = singleton("dev.radsec.auth", "auth");
    /** A local certificate, {@code etc/dev.radsec.pki.certificate-<name>.cfg} (or its {@code name} key). */
    public static final ConfigurationKind CERTIFICATE =
            new ConfigurationKind("dev.radsec.pki.certificate", true, "certificate", "name", null);
    /** A TLS pre-shared key, {@code etc/dev.radsec.pki.psk-<name>.cfg}. */
    public static final ConfigurationKind PSK = new ConfigurationKind("dev.radsec.pki.psk", true, "psk", "name", null);
    /** A trust store, {@code etc/dev.radsec.pki.trust-<name>.cfg}; one without a name is {@code default}. */
    public static final ConfigurationKind TRUST_STORE =
            new ConfigurationKind("dev.radsec.pki.trust", true, "trust-store", "name", "default");
    /** The development PKI made on a first boot, {@code etc/dev.radsec.pki.bootstrap.cfg}. */
    public static final ConfigurationKind DEVELOPMENT_PKI = singleton("dev.radsec.pki.bootstrap", "pki-bootstrap");
    /** The embedded demo server, {@code etc/dev.radsec.server.cfg}. */
    public static final ConfigurationKind SERVER = singleton("dev.radsec.server", "server");
    /** The operator's RADIUS dictionary, {@code etc/dev.radsec.dictionary.cfg}. */
    public static final ConfigurationKind DICTIONARY = singleton("dev.radsec.dictionary", "dictionary");
    /** A relay rewrite, {@code etc/dev.radsec.rewrite-<name>.cfg} (or its {@code name} key). */
    public static final ConfigurationKind REWRITE =
            new ConfigurationKind("dev.radsec.rewrite", true, "rewrite", "name", null);
    /** Every kind JMX and the shell write, for the commands' completion. */
    private static final ConfigurationKind[] ALL = {DESTINATION, RELAY, LISTENER, INCOMING, AUTH, CERTIFICATE, PSK,
        TRUST_STORE, DEVELOPMENT_PKI, SERVER, DICTIONARY, REWRITE};

    /** A singleton PID, {@code etc/<pid>.cfg}. */
    public static ConfigurationKind singleton(String pid, String noun) {
        return new ConfigurationKind(pid, false, noun, null, null);
    }

    /** The kind of a shell command named {@code <noun>-<verb>} ({@code radsec:relay-set}): of our own kinds. */
    public static java.util.Optional<ConfigurationKind> ofCommand(String command) {
        String name = command.substring(command.indexOf(':') + 1);
        for (ConfigurationKind k : ALL) {
            if (name.startsWith(k.noun() + "-")) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether the component reads the instance's name from Karaf's name for it (the file's or alias's suffix) when
     * it has no {@code name} key; its validator then gets the name as {@code ConfigurationValidator.NAME}.
     */
    boolean namedByKaraf() {
        return factory && "name".equals(identityKey);
    }

    /** The name of the instance {@code properties} configure, as its component names it; null when it has none. */
    String nameOf(Map<String, ?> properties) {
        if (!factory) {
            return noun;
        }
        if (namedByKaraf()) {
            return new ConfigReader(properties).instanceName(pid, defaultName);
        }
        Object value = properties.get(identityKey);
        String name = value == null ? "" : value.toString().trim();
        return name.isEmpty() ? null : name;
    }

    /** The file Karaf writes the instance to, in {@code etc/}. */
    public String fileName(String name) {
        return factory ? pid + "-" + name + ".cfg" : pid + ".cfg";
    }

    /** For messages: {@code destination 7}, {@code relay branch}, {@code incoming}. */
    public String describe(String name) {
        return factory ? noun + " " + name : noun;
    }
}
