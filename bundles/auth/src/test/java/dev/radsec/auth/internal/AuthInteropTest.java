package dev.radsec.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.auth.LoginResult;
import dev.radsec.auth.LoginResult.Outcome;
import dev.radsec.auth.UserMapping;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Peers;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.pki.internal.CredentialRegistry;
import dev.radsec.common.ExecutorScheduler;
import dev.radsec.common.NioFileWatcher;
import dev.radsec.transport.DestinationStatistics;

import dev.radsec.transport.internal.RadiusClientImpl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins against a real FreeRADIUS 3.2.1, over plain UDP (Vault's way) and over a RadSec destination: mapped and
 * unmapped users, a wrong password, and the server stopped.
 */
class AuthInteropTest {
    private static final String SECRET = "auth-interop-secret";
    private static final String USERS = String.join("\n",
            "alice Cleartext-Password := \"alice-pw\"",
            "\tReply-Message = \"hello alice\",",
            "\tSession-Timeout = 1800",
            "carol Cleartext-Password := \"carol-pw\"",
            "");

    @TempDir
    Path dir;
    private FreeRadiusProcess server;
    private ExecutorScheduler scheduler;
    private NioFileWatcher watcher;
    private CredentialRegistry credentials;
    private ExecutorScheduler timer;
    private RadiusClientImpl client;
    private final Map<String, UserMapping> mappings = new HashMap<>(Map.of("alice",
            new UserMapping("alice", List.of("admins"))));

    @BeforeEach
    void start() throws Exception {
        Peers.assumeInstalled(FreeRadiusProcess.BINARY, FreeRadiusProcess.PACKAGE);
        TestPki pki = TestPki.create(dir.resolve("pki"));
        server = FreeRadiusProcess.builder(Files.createDirectories(dir.resolve("fr"))).secret(SECRET).users(USERS)
                .radsec(0, pki.caCertificate(), pki.server().certificate(), pki.server().key()).debug(false).start();
        scheduler = new ExecutorScheduler(Clock.systemUTC(), "auth-pki");
        watcher = new NioFileWatcher("auth-watch");
        credentials = new CredentialRegistry(scheduler, watcher, dir);
        credentials.certificateConfigured("c", Map.of("name", "client", "certificate", pki.client().certificate().toString(),
                "private-key", pki.client().key().toString()));
        credentials.trustConfigured("t", Map.of("ca", pki.caCertificate().toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!credentials.certificate("client").isAvailable() || credentials.trustAnchors("default").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PKI not ready");
            }
            Thread.onSpinWait();
        }
        timer = new ExecutorScheduler(Clock.systemUTC(), "auth-timer");
        client = new RadiusClientImpl(credentials, Dictionary.standard(), timer);
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
            watcher.close();
            scheduler.close();
            timer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private LoginResult login(AuthSettings settings, String user, String password) {
        return new Login(settings, client, dev.radsec.codec.Dictionary.standard(), key -> Optional.ofNullable(mappings.get(key))).run(user, password);
    }

    private AuthSettings udp(String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("host", "127.0.0.1", "port", String.valueOf(server.authPort()),
                "secret", SECRET, "unregistered-user-policies", "guests"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new AuthSettings(p);
    }

    private AuthSettings radsec(String... kv) throws Exception {
        client.destinationConfigured("d1", Map.of("id", "1", "address", "127.0.0.1",
                "port", String.valueOf(server.radsecPort()), "tls-certificate", "client"));
        Map<String, Object> p = new HashMap<>(Map.of("destination", "1", "unregistered-user-policies", "guests"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new AuthSettings(p);
    }

    private void checkLogins(AuthSettings s) {
        LoginResult alice = login(s, "alice", "alice-pw");
        assertEquals(Outcome.LOGGED_IN, alice.outcome(), alice.toString() + "\n" + server.log());
        assertEquals(List.of("admins", "default"), alice.policies());
        assertEquals("hello alice", alice.metadata().get("Reply-Message"));
        assertEquals(Optional.of(Duration.ofMinutes(30)), alice.leaseDuration());

        LoginResult carol = login(s, "carol", "carol-pw");
        assertEquals(Outcome.LOGGED_IN, carol.outcome(), carol.toString());
        assertEquals(List.of("default", "guests"), carol.policies());

        LoginResult wrong = login(s, "alice", "not-her-password");
        assertEquals(Outcome.REJECTED, wrong.outcome(), wrong.toString());
        assertTrue(wrong.policies().isEmpty());
    }

    @Test
    void overUdpMappedUnmappedAndWrongPassword() throws Exception {
        checkLogins(udp());
    }

    @Test
    void overARadsecDestinationTheSame() throws Exception {
        AuthSettings s = radsec();
        checkLogins(s);
        assertEquals(DestinationStatistics.State.UP, client.statistics(1).orElseThrow().state());
    }

    @Test
    void withTheServerStoppedUdpTimesOutWithinReadTimeout() throws Exception {
        AuthSettings s = udp("read-timeout", "3");
        server.close();
        long start = System.nanoTime();
        LoginResult r = login(s, "alice", "alice-pw");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Outcome.TIMEOUT, r.outcome(), r.toString());
        assertTrue(ms <= 3_500, "ended after " + ms + " ms; read-timeout is 3 s");
    }

    @Test
    void withTheServerStoppedARadsecLoginEndsTypedWithinTheTimeouts() throws Exception {
        AuthSettings s = radsec("read-timeout", "3", "dial-timeout", "2");
        assertEquals(Outcome.LOGGED_IN, login(s, "alice", "alice-pw").outcome());
        server.close();
        long start = System.nanoTime();
        LoginResult r = login(s, "alice", "alice-pw");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(r.outcome() == Outcome.UNREACHABLE || r.outcome() == Outcome.TIMEOUT, r.toString());
        assertTrue(ms <= 5_500, "ended after " + ms + " ms; dial-timeout 2 s + read-timeout 3 s");
    }
}
