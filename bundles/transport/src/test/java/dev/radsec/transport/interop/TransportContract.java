package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DestinationStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every transport must do against a real RADIUS server, run once per transport (the Apache MINA SSHD
 * pattern: one I/O suite, several adapters).
 */
abstract class TransportContract {
    static final Dictionary DICT = Dictionary.standard();

    /** The client under test. */
    abstract dev.radsec.transport.internal.RadiusClientImpl client();

    /** What the server says about itself, for failure messages. */
    abstract String serverLog();

    /** The destination under test, configured by the subclass. */
    abstract int destination();

    static RadiusPacket login(String user, String password) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", user)
                .add("User-Password", password).add("NAS-Identifier", "transport-test").build();
    }

    RadiusPacket send(RadiusPacket request) throws Exception {
        return client().send(destination(), request).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    DestinationStatistics statistics() {
        return client().statistics(destination()).orElseThrow();
    }

    @Test
    void anAccessAcceptCarriesTheReplyAttributes() throws Exception {
        RadiusPacket r = send(login("alice", "alice-pw"));
        assertEquals(PacketCode.ACCESS_ACCEPT, r.code(), this::serverLog);
        assertEquals("hello alice", r.first("Reply-Message").orElseThrow().asString());
        assertEquals(3600, r.first("Session-Timeout").orElseThrow().asInt());
    }

    @Test
    void aWrongPasswordIsRejected() throws Exception {
        long before = statistics().rejects();
        assertEquals(PacketCode.ACCESS_REJECT, send(login("alice", "not-it")).code());
        assertEquals(before + 1, statistics().rejects());
    }

    @Test
    void accountingIsAnswered() throws Exception {
        RadiusPacket acct = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT)
                .add("Acct-Status-Type", "Start").add("Acct-Session-Id", "4D2A3F10").add("User-Name", "alice")
                .add("NAS-IP-Address", "192.0.2.1").build();
        assertEquals(PacketCode.ACCOUNTING_RESPONSE, send(acct).code());
    }

    @Test
    void statusServerIsAnswered() throws Exception {
        // FreeRADIUS 3.2.1 answers without a Message-Authenticator; require-message-auth guards logins, not
        // liveness, so the answer is taken whatever it says.
        assertEquals(PacketCode.ACCESS_ACCEPT, send(RadiusPacket.builder(PacketCode.STATUS_SERVER, DICT).build()).code());
    }

    @Test
    void aThousandRequestsInFlightAreAllAnswered() throws Exception {
        DestinationStatistics before = statistics();
        List<CompletableFuture<RadiusPacket>> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            all.add(client().send(destination(), login(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "alice-pw" : "bob-pw"))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        for (CompletableFuture<RadiusPacket> f : all) {
            assertEquals(PacketCode.ACCESS_ACCEPT, f.get().code());
        }
        DestinationStatistics after = statistics();
        assertEquals(before.requests() + 1000, after.requests(), after.toString());
        assertEquals(before.accepts() + 1000, after.accepts(), after.toString());
        assertEquals(before.timeouts(), after.timeouts(), after.toString());
        assertEquals(0, after.pending(), after.toString());
    }

    static Duration patience() {
        return Duration.ofSeconds(20);
    }

    /**
     * One {@link Peer} (FreeRADIUS and our client) for a whole test class, as a
     * {@code @RegisterExtension static final} field. Before the first test it starts the peer in a temporary
     * directory of its own and hands it to {@code setup} (to configure destinations); the class is skipped where
     * FreeRADIUS is not installed, and fails in CI. After the last test it closes the peer and deletes the directory.
     */
    static final class PeerPerClass implements BeforeAllCallback, AfterAllCallback {
        /** What a test class configures on its peer before its tests, e.g. a destination. */
        interface Setup {
            void configure(Peer peer) throws Exception;
        }

        private final Setup setup;
        private Path dir;
        private Peer peer;

        PeerPerClass(Setup setup) {
            this.setup = setup;
        }

        Peer peer() {
            return peer;
        }

        /** The peer's directory, for more files a test needs. */
        Path dir() {
            return dir;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            dir = Files.createTempDirectory("transport-peer-");
            peer = Peer.started(dir);
            setup.configure(peer);
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            try {
                Waits.close(peer);
            } finally {
                if (dir != null) {
                    delete(dir);
                }
            }
        }

        private static void delete(Path tree) throws IOException {
            try (Stream<Path> walk = Files.walk(tree)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
