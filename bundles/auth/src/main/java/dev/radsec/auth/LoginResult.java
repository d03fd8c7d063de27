package dev.radsec.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The outcome of one {@link RadiusLogin#login}. Immutable; it never holds the password. */
public final class LoginResult {

    /** How a login ended. Only {@link #LOGGED_IN} lets the user in. */
    public enum Outcome {
        /** Access-Accept, and the user has policies. */
        LOGGED_IN,
        /** Access-Reject: wrong password, unknown user, or the server's policy. */
        REJECTED,
        /** The server authenticated the user, who has no mapping, and {@code unregistered-user-policies} is empty. */
        NOT_PERMITTED,
        /** Access-Challenge (e.g. a second factor): not supported, so not a login. */
        CHALLENGE_NOT_SUPPORTED,
        /** No answer within {@code read-timeout}. */
        TIMEOUT,
        /** The server cannot be reached: its destination is down, or the address does not resolve. */
        UNREACHABLE,
        /** Nothing to ask: no destination or host configured, or an unknown destination id. */
        MISCONFIGURED
    }

    private final Outcome outcome;
    private final String username;
    private final List<String> policies;
    private final Map<String, String> metadata;
    private final Duration lease;
    private final String detail;

    public LoginResult(Outcome outcome, String username, List<String> policies, Map<String, String> metadata,
                       Duration lease, String detail) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.username = Objects.requireNonNull(username, "username");
        this.policies = List.copyOf(policies);
        this.metadata = Map.copyOf(metadata);
        this.lease = lease;
        this.detail = detail == null ? "" : detail;
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean isLoggedIn() {
        return outcome == Outcome.LOGGED_IN;
    }

    /** The username as sent: trimmed. */
    public String username() {
        return username;
    }

    /**
     * When logged in: the mapped policies (or {@code unregistered-user-policies}), those from
     * {@code policy-attribute}, and {@code default}, sorted, without duplicates. Empty otherwise.
     */
    public List<String> policies() {
        return policies;
    }

    /** {@code username}, and each reply attribute by name (several values joined with ", "). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** From the reply's Session-Timeout, when it has one. */
    public Optional<Duration> leaseDuration() {
        return Optional.ofNullable(lease);
    }

    /** Why, in words, for anything but a login. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return outcome + " " + username + (policies.isEmpty() ? "" : " policies " + policies)
                + (lease == null ? "" : " lease " + lease.getSeconds() + " s") + (detail.isEmpty() ? "" : ": " + detail);
    }
}
