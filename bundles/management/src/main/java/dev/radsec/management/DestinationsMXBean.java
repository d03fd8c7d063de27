package dev.radsec.management;

import java.util.Map;

/**
 * The destinations as a whole, {@code dev.radsec:type=Destinations}: which there are, and adding and removing one,
 * like MikroTik {@code /radius add} and {@code remove}. Each destination is then a {@link DestinationMXBean}.
 *
 * <p>A destination created here is written to {@code etc/dev.radsec.destination-<id>.cfg} through ConfigAdmin,
 * exactly as if an operator had written the file, and is validated first the same way: a bad setting fails with an
 * {@link IllegalArgumentException} {@code key: reason}, and nothing is written. Secrets never appear in messages.
 * Karaf's JMX ACL lets viewers read {@code Ids} and only admins create and remove.
 */
public interface DestinationsMXBean {
    /** The ids of every configured destination (running or refused), ascending. */
    int[] getIds();

    /**
     * Adds destination {@code id} with these settings (cfg keys, e.g. {@code address}, {@code protocol},
     * {@code tls-certificate}; {@code id} itself is the first argument). Over JMX the map is a TabularData of
     * key and value; programs use a proxy ({@code JMX.newMXBeanProxy}).
     *
     * @throws IllegalArgumentException {@code key: reason}, when the id exists or a setting is refused
     */
    void create(int id, Map<String, String> properties);

    /**
     * Adds destination {@code id} from one line of settings in the shell's syntax, for consoles such as JConsole:
     * {@code address=192.0.2.7 protocol=radsec tls-certificate=client}, values with spaces in quotes.
     *
     * @throws IllegalArgumentException {@code key: reason}, when the id exists or a setting is refused
     */
    void create(int id, String settings);

    /**
     * Removes destination {@code id}: its configuration and its file. Its queued and in-flight requests end with
     * {@code DestinationUnavailableException}.
     *
     * @throws IllegalArgumentException when no destination {@code id} is configured
     */
    void remove(int id);
}
