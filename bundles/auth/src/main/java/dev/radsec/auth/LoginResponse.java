package dev.radsec.auth;

import java.beans.ConstructorProperties;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One login as {@link AuthMXBean#login} returns it: Vault's login response ({@code auth.policies},
 * {@code auth.lease_duration}, {@code auth.metadata}) in JMX open types. Over JMX it is a {@code CompositeData} with
 * the items {@code outcome}, {@code username}, {@code policies} ({@code String[]}), {@code leaseDuration}
 * ({@code long}), {@code metadata} (a table of {@code key}/{@code value} rows) and {@code detail}; an MXBean proxy
 * rebuilds this class from it. Immutable; it never holds the password.
 */
public final class LoginResponse {
    private final String outcome;
    private final String username;
    private final String[] policies;
    private final long leaseDuration;
    private final Map<String, String> metadata;
    private final String detail;

    /**
     * @param outcome       the name of a {@link LoginResult.Outcome}; only {@code LOGGED_IN} is a login
     * @param username      as sent: trimmed
     * @param policies      when logged in: as {@link LoginResult#policies()}, {@code default} included; empty otherwise
     * @param leaseDuration seconds: the Access-Accept's Session-Timeout; 0 when it has none (the server set no limit)
     *                      or for anything but a login
     * @param metadata      {@code username} and the reply's attributes by name, as {@link LoginResult#metadata()}
     * @param detail        why, for anything but a login; empty for a login
     */
    @ConstructorProperties({"outcome", "username", "policies", "leaseDuration", "metadata", "detail"})
    public LoginResponse(String outcome, String username, String[] policies, long leaseDuration,
            Map<String, String> metadata, String detail) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.username = Objects.requireNonNull(username, "username");
        this.policies = policies.clone();
        this.leaseDuration = leaseDuration;
        this.metadata = Map.copyOf(metadata);
        this.detail = detail == null ? "" : detail;
    }

    /** The response for {@code result}. */
    public static LoginResponse of(LoginResult result) {
        return new LoginResponse(result.outcome().name(), result.username(), result.policies().toArray(new String[0]),
                result.leaseDuration().map(d -> d.getSeconds()).orElse(0L), result.metadata(), result.detail());
    }

    public String getOutcome() {
        return outcome;
    }

    public String getUsername() {
        return username;
    }

    public String[] getPolicies() {
        return policies.clone();
    }

    public long getLeaseDuration() {
        return leaseDuration;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public String getDetail() {
        return detail;
    }

    @Override
    public String toString() {
        return outcome + " " + username + (policies.length == 0 ? "" : " policies " + List.of(policies))
                + (leaseDuration == 0 ? "" : " lease " + leaseDuration + " s") + (detail.isEmpty() ? "" : ": " + detail);
    }
}
