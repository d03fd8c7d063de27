package dev.radsec.auth;

import java.util.Map;

/**
 * The login service over JMX, {@code dev.radsec:type=Auth}: the user mappings (Vault's {@code users/}) and the
 * login counters. Open types only. Karaf's JMX ACL ({@code etc/jmx.acl.dev.radsec.cfg}) lets viewers read and
 * admins change mappings.
 */
public interface AuthMXBean {
    /** The mapped usernames, sorted. */
    String[] getUsers();

    long getLogins();

    long getRejects();

    /** Failed attempts per username (rejected, not permitted, challenged, timed out or unreachable). */
    Map<String, Long> getFailedAttempts();

    /** Where logins go: {@code destination 1} or {@code udp host:port}; never the secret. */
    String getServer();

    /** Creates or replaces a mapping; {@code policies} comma-separated. */
    void addUser(String username, String policies);

    /** The user's policies, comma-separated; empty when not mapped. */
    String showUser(String username);

    /** Removes a mapping; false when there was none. */
    boolean removeUser(String username);
}
