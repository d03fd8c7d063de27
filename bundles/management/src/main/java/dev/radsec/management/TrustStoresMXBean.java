package dev.radsec.management;

import java.util.Map;

/**
 * The trust stores as a whole, {@code dev.radsec:type=TrustStores}: which are configured, and adding and removing
 * one. Each is then a {@link TrustStoreMXBean}, which also takes CA certificates by PEM.
 *
 * <p>A trust store created here is written to {@code etc/dev.radsec.pki.trust-<name>.cfg} through ConfigAdmin,
 * exactly as if an operator had written the file (its name is the file's, so it needs no {@code name} key), and is
 * validated first the same way: a bad setting fails with an {@link IllegalArgumentException} {@code key: reason},
 * and nothing is written. Karaf's JMX ACL lets viewers read {@code Names} and only admins create and remove.
 */
public interface TrustStoresMXBean {
    /** The names of every configured trust store (in use or refused), sorted. */
    String[] getNames();

    /**
     * Adds trust store {@code name} with these settings (cfg keys of {@code dev.radsec.pki.trust}). Over JMX the
     * map is a TabularData of key and value; programs use a proxy ({@code JMX.newMXBeanProxy}).
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, Map<String, String> properties);

    /**
     * Adds trust store {@code name} from one line of settings in the shell's syntax, for consoles such as JConsole:
     * {@code ca=radsec/partner-ca.pem check-revocation=none}.
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, String settings);

    /**
     * Removes trust store {@code name}: its configuration and its file. CA certificates uploaded to
     * {@code etc/radsec/trust/<name>/} stay on disk. Peers validated against it are refused until a trust store of
     * that name exists again.
     *
     * @throws IllegalArgumentException when no trust store {@code name} is configured
     */
    void remove(String name);
}
