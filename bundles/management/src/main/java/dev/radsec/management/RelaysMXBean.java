package dev.radsec.management;

import java.util.Map;

/**
 * The relays as a whole, {@code dev.radsec:type=Relays}: which are configured, and adding and removing one. Each
 * running relay is then a {@link RelayMXBean}.
 *
 * <p>A relay created here is written to {@code etc/dev.radsec.relay-<name>.cfg} through ConfigAdmin, exactly as if an
 * operator had written the file (its name is the file's, so it needs no {@code name} key), and is validated first
 * the same way: a bad setting fails with an {@link IllegalArgumentException} {@code key: reason}, and nothing is
 * written. Secrets never appear in messages. Karaf's JMX ACL lets viewers read {@code Names} and only admins create
 * and remove.
 */
public interface RelaysMXBean {
    /** The names of every configured relay (running or refused), sorted. */
    String[] getNames();

    /**
     * Adds relay {@code name} with these settings (cfg keys of {@code dev.radsec.relay}). Over JMX the map is a
     * TabularData of key and value; programs use a proxy ({@code JMX.newMXBeanProxy}).
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, Map<String, String> properties);

    /**
     * Adds relay {@code name} from one line of settings in the shell's syntax, for consoles such as JConsole:
     * {@code protocol=radsec tls-certificate=server port=2084 destinations=1}.
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, String settings);

    /**
     * Removes relay {@code name}: its configuration and its file; it stops.
     *
     * @throws IllegalArgumentException when no relay {@code name} is configured
     */
    void remove(String name);
}
