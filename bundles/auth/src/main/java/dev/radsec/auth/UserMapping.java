package dev.radsec.auth;

import java.util.List;
import java.util.Objects;

/** One user's policies. Immutable. */
public final class UserMapping {
    private final String username;
    private final List<String> policies;

    public UserMapping(String username, List<String> policies) {
        this.username = Objects.requireNonNull(username, "username");
        this.policies = List.copyOf(policies);
    }

    public String username() {
        return username;
    }

    public List<String> policies() {
        return policies;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserMapping && ((UserMapping) o).username.equals(username)
                && ((UserMapping) o).policies.equals(policies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, policies);
    }

    @Override
    public String toString() {
        return username + " -> " + policies;
    }
}
