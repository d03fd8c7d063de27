package dev.radsec.management;

import java.util.Map;

/**
 * The rewrites as a whole, {@code dev.radsec:type=Rewrites}: which are configured, and adding and removing one. Each
 * is then a {@link RewriteMXBean}.
 *
 * <p>A rewrite created here is written to {@code etc/dev.radsec.rewrite-<name>.cfg} through ConfigAdmin, exactly as if
 * an operator had written the file, and is validated first the same way: a bad setting fails with an
 * {@link IllegalArgumentException} {@code key: reason}, and nothing is written. Karaf's JMX ACL lets viewers read
 * {@code Names} and only admins create and remove.
 *
 * @since 0.6
 */
public interface RewritesMXBean {
    /** The names of every configured rewrite, sorted. */
    String[] getNames();

    /**
     * Adds rewrite {@code name} with these settings (cfg keys of {@code dev.radsec.rewrite}).
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, Map<String, String> properties);

    /**
     * Adds rewrite {@code name} from one line of settings in the shell's syntax, for consoles such as JConsole:
     * {@code "remove=reply:Tunnel-Type" "supplement=request:Operator-Name = 1example.org"}.
     *
     * @throws IllegalArgumentException {@code key: reason}, when the name exists or a setting is refused
     */
    void create(String name, String settings);

    /**
     * Removes rewrite {@code name}: its configuration and its file. Relays and destinations that name it drop what it
     * applied to.
     *
     * @throws IllegalArgumentException when no rewrite {@code name} is configured
     */
    void remove(String name);
}
