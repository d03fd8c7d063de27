package dev.radsec.management;

import java.util.Map;

/**
 * The TLS pre-shared keys as a whole, {@code dev.radsec:type=PreSharedKeys}: which are configured, and adding and
 * removing one. Each is then a {@link PreSharedKeyMXBean}.
 *
 * <p>A key created here is written to {@code etc/dev.radsec.pki.psk-<name>.cfg} through ConfigAdmin, exactly as if
 * an operator had written the file (its name is the file's, so it needs no {@code name} key), and is validated first
 * the same way: a bad setting fails with an {@link IllegalArgumentException} {@code key: reason}, and nothing is
 * written. The key itself never appears in messages or attributes. Karaf's JMX ACL lets viewers read {@code Names}
 * and only admins create and remove.
 */
public interface PreSharedKeysMXBean {
    /** The names of every configured pre-shared key (usable or not), sorted. */
    String[] getNames();

    /**
     * Adds pre-shared key {@code name} with these settings (cfg keys of {@code dev.radsec.pki.psk}). Over JMX the
     * map is a TabularData of key and value; programs use a proxy ({@code JMX.newMXBeanProxy}).
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, Map<String, String> properties);

    /**
     * Adds pre-shared key {@code name} from one line of settings in the shell's syntax, for consoles such as
     * JConsole: {@code identity=ap-17 key-file=radsec/psk/ap-17.hex}. Prefer {@code key-file}: a line typed into a
     * console may be kept in its history.
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, String settings);

    /**
     * Removes pre-shared key {@code name}: its configuration and its file (not a {@code key-file} it names).
     * Destinations and listeners that use it cannot connect until a key of that name exists again.
     *
     * @throws IllegalArgumentException when no pre-shared key {@code name} is configured
     */
    void remove(String name);
}
