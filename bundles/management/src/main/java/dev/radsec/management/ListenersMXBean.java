package dev.radsec.management;

import java.util.Map;

/**
 * The listeners as a whole, {@code dev.radsec:type=Listeners}: which are configured, and adding and removing one. Each
 * running listener is then a {@link ListenerMXBean}.
 *
 * <p>A listener created here is written to {@code etc/dev.radsec.listener-<name>.cfg} through ConfigAdmin, exactly as if an
 * operator had written the file (its name is the file's, so it needs no {@code name} key), and is validated first
 * the same way: a bad setting fails with an {@link IllegalArgumentException} {@code key: reason}, and nothing is
 * written. Secrets never appear in messages. Karaf's JMX ACL lets viewers read {@code Names} and only admins create
 * and remove.
 */
public interface ListenersMXBean {
    /** The names of every configured listener (running or refused), sorted. */
    String[] getNames();

    /**
     * Adds listener {@code name} with these settings (cfg keys of {@code dev.radsec.listener}). Over JMX the map is a
     * TabularData of key and value; programs use a proxy ({@code JMX.newMXBeanProxy}).
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, Map<String, String> properties);

    /**
     * Adds listener {@code name} from one line of settings in the shell's syntax, for consoles such as JConsole:
     * {@code protocol=udp port=1645 clients="10.0.0.0/8 s3cret"}.
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, String settings);

    /**
     * Removes listener {@code name}: its configuration and its file; it stops.
     *
     * @throws IllegalArgumentException when no listener {@code name} is configured
     */
    void remove(String name);
}
