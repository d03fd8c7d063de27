package dev.radsec.auth.internal;

import dev.radsec.common.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.auth.LoginResult;
import dev.radsec.auth.LoginResult.Outcome;
import dev.radsec.auth.UserMapping;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RequestTimeoutException;
import dev.radsec.transport.UdpServer;
import dev.radsec.codec.RequireMessageAuth;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Login outcomes and policies, with a RADIUS client the test answers for. */
class LoginTest {
    private static final Dictionary DICT = Dictionary.standard();

    private final ScriptedClient client = new ScriptedClient();
    private final Map<String, UserMapping> mappings = new HashMap<>();

    private static AuthSettings settings(String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("destination", "1"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new AuthSettings(p);
    }

    private LoginResult login(AuthSettings s, String user, String password) {
        return new Login(s, client, dev.radsec.codec.Dictionary.standard(), key -> Optional.ofNullable(mappings.get(key))).run(user, password);
    }

    private static RadiusPacket accept(String... kv) {
        RadiusPacket.Builder b = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT);
        for (int i = 0; i < kv.length; i += 2) {
            b.add(kv[i], kv[i + 1]);
        }
        return b.build();
    }

    private void answer(RadiusPacket packet) {
        client.answer = r -> CompletableFuture.completedFuture(packet);
    }

    @Test
    void aMappedUserGetsItsPoliciesPlusDefaultTheReplyAsMetadataAndALease() throws Exception {
        mappings.put("alice", new UserMapping("alice", List.of("ops", "admins")));
        answer(accept("Reply-Message", "hello alice", "Session-Timeout", "3600"));
        LoginResult r = login(settings("unregistered-user-policies", "guests"), "  alice ", "alice-pw");
        assertEquals(Outcome.LOGGED_IN, r.outcome());
        assertEquals(List.of("admins", "default", "ops"), r.policies());
        assertEquals("alice", r.username());
        assertEquals("alice", r.metadata().get("username"));
        assertEquals("hello alice", r.metadata().get("Reply-Message"));
        assertEquals(Optional.of(Duration.ofHours(1)), r.leaseDuration());
        RadiusPacket sent = client.sent.get(0);
        assertEquals("alice", sent.first("User-Name").orElseThrow().asString(), "trimmed");
        assertEquals(10, sent.first("NAS-Port").orElseThrow().asInt());
        assertTrue(sent.first("User-Password").isPresent());
    }

    @Test
    void anUnmappedUserGetsTheUnregisteredPoliciesOrIsRefusedWhenThereAreNone() throws Exception {
        answer(accept());
        assertEquals(List.of("default", "guests"), login(settings("unregistered-user-policies", "guests"), "carol", "pw").policies());
        LoginResult refused = login(settings(), "carol", "pw");
        assertEquals(Outcome.NOT_PERMITTED, refused.outcome());
        assertTrue(refused.policies().isEmpty());
    }

    @Test
    void aMappingWithEmptyPoliciesGetsDefaultOnlyNotTheUnregisteredPolicies() throws Exception {
        mappings.put("erin", new UserMapping("erin", List.of()));
        answer(accept());
        LoginResult r = login(settings("unregistered-user-policies", "guests"), "erin", "pw");
        assertEquals(Outcome.LOGGED_IN, r.outcome(), r.toString());
        assertEquals(List.of("default"), r.policies(), "mapped, so not a stranger: no unregistered policies");
        assertEquals(Optional.empty(), r.leaseDuration(), "no Session-Timeout, no lease");
    }

    @Test
    void onlyADestinationWhoseServiceIncludesLoginTakesLogins() throws Exception {
        answer(accept());
        mappings.put("alice", new UserMapping("alice", List.of("ops")));
        client.configurations.put(1, Map.of("id", "1", "service", "relay"));
        LoginResult refused = login(settings(), "alice", "pw");
        assertEquals(Outcome.MISCONFIGURED, refused.outcome());
        assertEquals("destination 1 does not take logins: its service is 'relay', without login", refused.detail());
        assertTrue(client.sent.isEmpty(), "nothing sent to a relay-only destination");

        for (String service : new String[] {"login", "relay, login", "LOGIN,relay", ""}) {
            client.configurations.put(1, Map.of("id", "1", "service", service));
            assertEquals(Outcome.LOGGED_IN, login(settings(), "alice", "pw").outcome(), "service '" + service + "'");
        }
        client.configurations.put(1, Map.of("id", "1")); // a transport without the key: both
        assertEquals(Outcome.LOGGED_IN, login(settings(), "alice", "pw").outcome());
    }

    @Test
    void policiesComeAlsoFromTheConfiguredReplyAttribute() throws Exception {
        answer(accept("Class", "netops,auditors"));
        LoginResult r = login(settings("policy-attribute", "Class"), "dave", "pw");
        assertEquals(Outcome.LOGGED_IN, r.outcome(), r.toString());
        assertEquals(List.of("auditors", "default", "netops"), r.policies());
    }

    @Test
    void rejectChallengeTimeoutAndUnavailabilityAreTypedAndNoLogin() throws Exception {
        client.answer = r -> CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCESS_REJECT, DICT).build());
        assertEquals(Outcome.REJECTED, login(settings(), "alice", "wrong").outcome());
        client.answer = r -> CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCESS_CHALLENGE, DICT)
                .add("Reply-Message", "enter your OTP").build());
        LoginResult challenged = login(settings(), "alice", "pw");
        assertEquals(Outcome.CHALLENGE_NOT_SUPPORTED, challenged.outcome());
        assertFalse(challenged.isLoggedIn());
        client.answer = r -> CompletableFuture.failedFuture(new RequestTimeoutException(1, "no answer"));
        assertEquals(Outcome.TIMEOUT, login(settings(), "alice", "pw").outcome());
        client.answer = r -> CompletableFuture.failedFuture(new DestinationUnavailableException(1, "down"));
        assertEquals(Outcome.UNREACHABLE, login(settings(), "alice", "pw").outcome());
        assertEquals(Outcome.MISCONFIGURED, login(settings("destination", "7"), "alice", "pw").outcome());
    }

    @Test
    void usernamesMatchMappingsCaseSensitivelyUnlessConfiguredOtherwise() throws Exception {
        mappings.put("alice", new UserMapping("alice", List.of("ops")));
        answer(accept());
        assertEquals(Outcome.NOT_PERMITTED, login(settings(), "Alice", "pw").outcome());
        LoginResult r = login(settings("username-case-sensitive", "false"), " ALICE ", "pw");
        assertEquals(List.of("default", "ops"), r.policies());
        assertEquals("ALICE", r.username(), "sent as typed, trimmed");
    }

    @Test
    void plainUdpSpreadsReadTimeoutOverThreeTries() throws Exception {
        answer(accept());
        AuthSettings s = new AuthSettings(Map.of("host", "127.0.0.1", "port", "18120", "secret", "s3cret-for-udp",
                "read-timeout", "9", "nas-identifier", "nms"));
        login(s, "alice", "pw");
        UdpServer server = client.servers.get(0);
        assertEquals(18120, server.address().getPort());
        assertEquals(Duration.ofSeconds(3), server.timeout());
        assertEquals(2, server.retries());
        assertEquals(RequireMessageAuth.AUTO, server.requireMessageAuth(), "stock FreeRADIUS 3.2.1 signs no Accept");
        assertFalse(server.toString().contains("s3cret"));
        assertEquals("nms", client.sent.get(0).first("NAS-Identifier").orElseThrow().asString());
    }

    @Test
    void vaultSpellingsOfTheKeysAreAcceptedAndUnknownKeysAreReported() throws Exception {
        AuthSettings s = new AuthSettings(Map.of("host", "127.0.0.1", "secret", "s3cret-for-udp",
                "unregistered_user_policies", "guests", "dial_timeout", "7", "read_timeout", "8", "nas_port", "42",
                "nas_identifier", "vault", "read-timout", "9", "service.pid", "dev.radsec.auth"));
        assertEquals(List.of("guests"), s.unregisteredUserPolicies);
        assertEquals(Duration.ofSeconds(7), s.dialTimeout);
        assertEquals(Duration.ofSeconds(8), s.readTimeout);
        assertEquals(42, s.nasPort);
        assertEquals("vault", s.nasIdentifier);
        assertEquals(List.of("read-timout"), s.unknownKeys, "the typo, and nothing of the framework's");
        assertEquals(RequireMessageAuth.TRUE, settings("require-message-auth", "true").requireMessageAuth);
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> settings("require-message-auth", "on"))
                .getMessage().startsWith("require-message-auth: 'on' is none of true, false, auto"));
    }

    @Test
    void invalidConfigurationsNameTheKey() {
        assertEquals("unregistered-user-policies: 'root' is not allowed: it would give every authenticated stranger full control",
                assertThrows(InvalidConfigurationException.class, () -> settings("unregistered-user-policies", "guests, root")).getMessage());
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> settings("unregistered-user-policies", "Admin"))
                .getMessage().startsWith("unregistered-user-policies:"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> new AuthSettings(Map.of()))
                .getMessage().startsWith("destination:"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> new AuthSettings(Map.of("host", "127.0.0.1")))
                .getMessage().startsWith("secret:"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> settings("read-timeout", "0"))
                .getMessage().startsWith("read-timeout: 0 is outside 1-300"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> settings("policy-attribute", "No-Such-Thing"))
                .getMessage().startsWith("policy-attribute:"));
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> settings("policy-roles", "admins"))
                .getMessage().startsWith("policy-roles:"));
    }

    @Test
    void jaasOrderIsRadiusFirstUnlessLocalFirstIsAsked() throws Exception {
        assertEquals(JaasOrder.RADIUS_FIRST, settings().jaasOrder);
        assertEquals(JaasOrder.LOCAL_FIRST, settings("jaas-order", " Local-First ").jaasOrder);
        assertEquals(JaasOrder.RADIUS_FIRST, settings("jaas-order", "radius-first").jaasOrder);
        assertEquals("jaas-order: 'remote-first' is none of radius-first, local-first",
                assertThrows(InvalidConfigurationException.class, () -> settings("jaas-order", "remote-first")).getMessage());
    }

    @Test
    void policiesMapToKarafRoles() throws Exception {
        AuthSettings s = settings("policy-roles", "admins=admin, viewers=viewer");
        assertEquals("admin", s.role("admins"));
        assertEquals("viewer", s.role("viewers"));
        assertEquals("ops", s.role("ops"));
    }
}
