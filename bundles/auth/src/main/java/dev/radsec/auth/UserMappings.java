package dev.radsec.auth;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * User to policy mappings, Vault's {@code users/} API: create, read, list, delete. Each mapping is a
 * {@code dev.radsec.auth.user} configuration ({@code etc/dev.radsec.auth.user-<username>.cfg} with
 * {@code username} and {@code policies}), so the cfg files, JMX, the shell and this API all see the same mappings.
 */
@ProviderType
public interface UserMappings {

    /**
     * Creates or replaces the mapping of {@code username} (trimmed).
     *
     * @throws IllegalArgumentException naming the key: an empty username, or a policy that is empty or holds ","
     */
    void put(String username, List<String> policies);

    /** The mapping of {@code username}, matched as {@code username-case-sensitive} says. */
    Optional<UserMapping> get(String username);

    /** Every mapped username, sorted. */
    List<String> list();

    /** Removes the mapping; false when there was none. */
    boolean delete(String username);
}
