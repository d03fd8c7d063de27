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

    /** A singleton PID, {@code etc/<pid>.cfg}. */
    public static ConfigurationKind singleton(String pid, String noun) {
        return new ConfigurationKind(pid, false, noun, null, null);
    }

    /** The kind of a shell command named {@code <noun>-<verb>} ({@code radsec:relay-set}): of our own kinds. */
    public static java.util.Optional<ConfigurationKind> ofCommand(String command) {
        String name = command.substring(command.indexOf(':') + 1);
        for (ConfigurationKind k : new ConfigurationKind[] {DESTINATION, RELAY, LISTENER, INCOMING, AUTH}) {
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
