package dev.radsec.auth.internal;

import dev.radsec.common.MemoryConfigurationAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.auth.LoginResult.Outcome;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.RequestTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;

/**
 * Every login is counted once, the same way, whichever way it came: the service API (the shell and JMX use it) and
 * the JAAS login module. Outcomes are counted by name, and a destination that does not take logins is a counted
 * failure, not a silent one.
 */
class LoginCountingTest {
    private final MemoryConfigurationAdmin cm = new MemoryConfigurationAdmin();
    private final ScriptedClient client = new ScriptedClient();
    private final RadiusLoginService service = new RadiusLoginService(client, cm.admin);

    LoginCountingTest() {
        Map<String, Object> config = new HashMap<>(Map.of("service.pid", "dev.radsec.auth", "destination", "1",
                "policy-roles", "admins=admin"));
        service.activate(config);
        client.answer = r -> CompletableFuture.completedFuture(RadiusPacket.builder(
                r.first("User-Password").orElseThrow().asString().equals("alice-pw")
                        ? PacketCode.ACCESS_ACCEPT : PacketCode.ACCESS_REJECT, r.dictionary()).build());
        service.put("alice", List.of("admins"));
    }

    private Subject jaas(String user, String password) throws Exception {
        Subject subject = new Subject();
        RadiusLoginModule module = new RadiusLoginModule(() -> service);
        module.initialize(subject, callbacks -> {
            ((NameCallback) callbacks[0]).setName(user);
            ((PasswordCallback) callbacks[1]).setPassword(password.toCharArray());
        }, Map.of(), Map.of());
        module.login();
        module.commit();
        return subject;
    }

    @Test
    void jaasAndServiceLoginsMoveTheSameCounters() throws Exception {
        Subject subject = jaas("alice", "alice-pw");
        assertTrue(subject.getPrincipals().contains(new UserPrincipal("alice")));
        assertTrue(subject.getPrincipals().contains(new RolePrincipal("admin")), "admins is role admin");
        assertEquals(1, service.counters().logins());

        FailedLoginException refused = assertThrows(FailedLoginException.class, () -> jaas("alice", "wrong"));
        assertFalse(refused.getMessage().contains("wrong"), "never the password");
        assertEquals(1, service.counters().rejects());

        assertTrue(service.login("alice", "alice-pw").isLoggedIn());
        assertEquals(Outcome.REJECTED, service.login("alice", "wrong").outcome());
        assertEquals(2, service.counters().logins());
        assertEquals(2, service.counters().rejects());
        assertEquals(Map.of("alice", 2L), service.counters().failedAttempts());
        assertEquals(2L, service.counters().outcomes().get("LOGGED_IN"));
        assertEquals(2L, service.counters().outcomes().get("REJECTED"));
    }

    @Test
    void failuresOtherThanRejectsAreFailedAttemptsAndCountedByOutcome() {
        client.answer = r -> CompletableFuture.failedFuture(new RequestTimeoutException(1, "no answer"));
        assertEquals(Outcome.TIMEOUT, service.login("bob", "pw").outcome());
        client.answer = r -> CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT,
                r.dictionary()).build());
        assertEquals(Outcome.NOT_PERMITTED, service.login("carol", "pw").outcome(), "unmapped, no unregistered policies");
        assertEquals(0, service.counters().logins());
        assertEquals(0, service.counters().rejects(), "only Access-Rejects are rejects");
        assertEquals(Map.of("bob", 1L, "carol", 1L), service.counters().failedAttempts());
        assertEquals(1L, service.counters().outcomes().get("TIMEOUT"));
        assertEquals(1L, service.counters().outcomes().get("NOT_PERMITTED"));
    }

    @Test
    void aDestinationWithoutTheLoginServiceFailsLoginsWithACountedReason() {
        client.configurations.put(1, Map.of("id", "1", "service", "relay"));
        for (int i = 0; i < 3; i++) {
            assertEquals(Outcome.MISCONFIGURED, service.login("alice", "alice-pw").outcome());
        }
        assertTrue(client.sent.isEmpty());
        assertEquals(3L, service.counters().outcomes().get("MISCONFIGURED"));
        assertEquals(Map.of("alice", 3L), service.counters().failedAttempts());
        assertEquals(0, service.counters().logins());

        client.configurations.put(1, Map.of("id", "1", "service", "login,relay"));
        assertTrue(service.login("alice", "alice-pw").isLoggedIn());
    }

    @Test
    void withoutAConfigurationLoginsAreMisconfiguredAndCounted() {
        RadiusLoginService unconfigured = new RadiusLoginService(client, cm.admin);
        unconfigured.activate(Map.of());
        assertEquals(Outcome.MISCONFIGURED, unconfigured.login(" dave ", "pw").outcome());
        assertEquals(Map.of("dave", 1L), unconfigured.counters().failedAttempts());
    }
}
