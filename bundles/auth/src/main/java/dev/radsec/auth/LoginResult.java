package dev.radsec.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link RadiusLogin#login}. It never holds the password.
 *
 * @param outcome       how the login ended
 * @param username      the username as sent: trimmed
 * @param policies      when logged in: the mapped policies (or {@code unregistered-user-policies}), those from
 *                      {@code policy-attribute}, and {@code default}, sorted, without duplicates. Empty otherwise
 * @param metadata      {@code username}, and each reply attribute by name (several values joined with ", ")
 * @param leaseDuration from the reply's Session-Timeout, when it has one
 * @param detail        why, in words, for anything but a login; empty for a login
 */
public record LoginResult(Outcome outcome, String username, List<String> policies, Map<String, String> metadata,
                          Optional<Duration> leaseDuration, String detail) {

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

    public LoginResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(username, "username");
        policies = List.copyOf(policies);
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        detail = detail == null ? "" : detail;
    }

    public boolean isLoggedIn() {
        return outcome == Outcome.LOGGED_IN;
    }

    @Override
    public String toString() {
        return outcome + " " + username + (policies.isEmpty() ? "" : " policies " + policies)
                + leaseDuration.map(l -> " lease " + l.getSeconds() + " s").orElse("")
                + (detail.isEmpty() ? "" : ": " + detail);
    }
}
