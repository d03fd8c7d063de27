package dev.radsec.auth.internal;

import dev.radsec.auth.LoginResult;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of every login, however it came (JAAS, JMX {@code login}, {@code radsec:auth-login}, the
 * {@code RadiusLogin} service): logins, rejects, failed attempts per username, and the count of each outcome.
 * Thread-safe.
 */
final class LoginCounters {
    /** Failed attempts are counted per username up to this many names, then under "(others)". */
    private static final int MAX_COUNTED_USERS = 10_000;
    static final String OTHERS = "(others)";

    private final LongAdder logins = new LongAdder();
    private final LongAdder rejects = new LongAdder();
    private final Map<String, LongAdder> failedAttempts = new ConcurrentHashMap<>();
    private final Map<LoginResult.Outcome, LongAdder> outcomes = new EnumMap<>(LoginResult.Outcome.class);

    LoginCounters() {
        for (LoginResult.Outcome o : LoginResult.Outcome.values()) {
            outcomes.put(o, new LongAdder());
        }
    }

    void count(LoginResult result) {
        outcomes.get(result.outcome()).increment();
        if (result.isLoggedIn()) {
            logins.increment();
            return;
        }
        if (result.outcome() == LoginResult.Outcome.REJECTED) {
            rejects.increment();
        }
        String user = result.username();
        String key = failedAttempts.size() < MAX_COUNTED_USERS || failedAttempts.containsKey(user) ? user : OTHERS;
        failedAttempts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long logins() {
        return logins.sum();
    }

    long rejects() {
        return rejects.sum();
    }

    /** By username, sorted. */
    Map<String, Long> failedAttempts() {
        Map<String, Long> out = new TreeMap<>();
        failedAttempts.forEach((user, n) -> out.put(user, n.sum()));
        return out;
    }

    /** Every outcome's name with its count, zeros included, sorted by name. */
    Map<String, Long> outcomes() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((outcome, n) -> out.put(outcome.name(), n.sum()));
        return out;
    }
}
