package dev.radsec.auth;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The login service over JMX, {@code dev.radsec:type=Auth}: Vault's {@code login}, the user mappings (Vault's
 * {@code users/}), the login counters, and every setting of PID {@code dev.radsec.auth}. Open types only. Karaf's
 * JMX ACL ({@code etc/jmx.acl.dev.radsec.cfg}) lets viewers read, and only admins write settings, change mappings
 * and log users in.
 *
 * <p><b>Settings.</b> Each key of {@code dev.radsec.auth} is an attribute named by its camel case
 * ({@code dial-timeout} is {@code DialTimeout}). It reads the value in force, defaults filled in (the stored value
 * while no valid configuration is in force). A write goes through ConfigAdmin, so Karaf keeps it in
 * {@code etc/dev.radsec.auth.cfg}; it is first validated as that file would be, and refused with an
 * {@link IllegalArgumentException} {@code key: reason} when the configuration would be rejected, nothing stored.
 * Writing an empty text removes the key (its default applies); numbers are whole seconds where the key is a time.
 * A configuration in force applies a change at once; reading it back may lag ConfigAdmin's delivery briefly.
 * To change keys that must change together (from {@code destination} to {@code host} and {@code secret}), use
 * {@link #update(String[])}.
 */
@ProviderType
public interface AuthMXBean {
    // ---------------------------------------------------------------- login and counters

    /**
     * Logs {@code username} in as {@link RadiusLogin#login} does, counted with every other login (JAAS, the shell).
     * The password travels in the JMX call: use JMX over TLS beyond localhost.
     *
     * @return the outcome, the policies and the lease in seconds (0: none); see {@link LoginResponse}
     */
    LoginResponse login(String username, String password);

    /** Logins, however made: JAAS (console, SSH, JMX), {@link #login}, {@code radsec:auth-login}. */
    long getLogins();

    /** Access-Rejects among them. */
    long getRejects();

    /** Failed attempts per username (rejected, not permitted, challenged, timed out, unreachable, misconfigured). */
    Map<String, Long> getFailedAttempts();

    /** Every outcome of {@link LoginResult.Outcome} by name, with how many logins ended so (zeros included). */
    Map<String, Long> getOutcomes();

    /** Where logins go: {@code destination 1} or {@code udp host:port}; never the secret. */
    String getServer();

    // ---------------------------------------------------------------- user mappings

    /** The mapped usernames, sorted. */
    String[] getUsers();

    /** Creates or replaces a mapping; {@code policies} comma-separated (empty: the user gets {@code default} only). */
    void addUser(String username, String policies);

    /** The user's policies, comma-separated; empty when not mapped. */
    String showUser(String username);

    /** Removes a mapping; false when there was none. */
    boolean removeUser(String username);

    // ---------------------------------------------------------------- settings (keys of dev.radsec.auth)

    /**
     * Changes several keys together, each {@code key=value} with the key as a cfg file writes it
     * ({@code read-timeout=5}); {@code key=} removes it. Validated and stored as one change.
     *
     * @throws IllegalArgumentException {@code key: reason}: an unknown key, an item without {@code =}, or a
     *                                  configuration that would be rejected; nothing is stored then
     */
    void update(String[] settings);

    /** {@code destination}: the destination id logins travel over; 0: none (then {@code host}). Writing 0 removes it. */
    int getDestination();

    void setDestination(int id);

    /** {@code host}: plain UDP instead of a destination. */
    String getHost();

    void setHost(String host);

    /** {@code port}: UDP port, default 1812. */
    int getPort();

    void setPort(int port);

    /** {@code secret}: the UDP shared secret. Reads {@code ******} when set, empty when not: write-only in effect. */
    String getSecret();

    void setSecret(String secret);

    /** {@code unregistered-user-policies}, comma-separated; {@code root} and {@code admin} are refused. */
    String getUnregisteredUserPolicies();

    void setUnregisteredUserPolicies(String policies);

    /** {@code dial-timeout}, seconds (1-300, default 10). */
    int getDialTimeout();

    void setDialTimeout(int seconds);

    /** {@code read-timeout}, seconds (1-300, default 10). */
    int getReadTimeout();

    void setReadTimeout(int seconds);

    /** {@code nas-port} sent (default 10). */
    int getNasPort();

    void setNasPort(int nasPort);

    /** {@code nas-identifier} sent, if set. */
    String getNasIdentifier();

    void setNasIdentifier(String nasIdentifier);

    /** {@code policy-attribute}: a reply attribute whose values add policies. */
    String getPolicyAttribute();

    void setPolicyAttribute(String attribute);

    /** {@code username-case-sensitive} (default true). */
    boolean isUsernameCaseSensitive();

    void setUsernameCaseSensitive(boolean caseSensitive);

    /** {@code require-message-auth}: {@code true}, {@code false} or {@code auto} (default). */
    String getRequireMessageAuth();

    void setRequireMessageAuth(String require);

    /** {@code policy-roles}: {@code policy=role} pairs, comma-separated. */
    String getPolicyRoles();

    void setPolicyRoles(String pairs);

    /** {@code jaas-order}: {@code radius-first} (default) or {@code local-first}. */
    String getJaasOrder();

    void setJaasOrder(String order);
}
