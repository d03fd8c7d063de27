package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Peers;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract over RadSec: mutual TLS to FreeRADIUS 3.2.1's RadSec listener. */
class RadsecContractTest extends PeerContract {
    @TempDir
    static Path dir;
    static Peer peer;

    @BeforeAll
    static void start() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        peer = new Peer(dir);
        peer.radsecDestination(1, "max-tx-buffers", "1000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    @Override
    Peer peer() {
        return peer;
    }

    @Override
    int destination() {
        return 1;
    }

    @Test
    void theConnectionReportsItsTlsSession() throws Exception {
        send(login("alice", "alice-pw"));
        DestinationStatistics s = statistics();
        assertEquals(DestinationStatistics.State.UP, s.state());
        assertTrue(s.tlsVersion().orElseThrow().startsWith("TLSv1."), s.tlsVersion().toString());
        assertTrue(s.peerSubject().orElseThrow().contains("CN=localhost"), s.peerSubject().toString());
    }

    @Test
    void aServerWhoseCertificateDoesNotCarryThePeerNameIsRefused() throws Exception {
        peer.radsecDestination(2, "tls-peer-name", "radius.example.org");
        Throwable t = failure(2);
        assertInstanceOf(DestinationUnavailableException.class, t);
        assertTrue(t.getMessage().contains("does not name 'radius.example.org'"), t.getMessage());
    }

    @Test
    void aServerFromAnUntrustedCaIsRefused() throws Exception {
        java.nio.file.Path other = dir.resolve("other-pki");
        dev.radsec.codec.interop.TestPki stranger = dev.radsec.codec.interop.TestPki.create(other);
        peer.credentials.trustConfigured("trust-other", java.util.Map.of("name", "other",
                "ca", stranger.caCertificate().toString()));
        peer.radsecDestination(3, "tls-trust", "other");
        assertInstanceOf(DestinationUnavailableException.class, failure(3));
    }

    private Throwable failure(int id) throws Exception {
        try {
            peer.client.send(id, login("alice", "alice-pw")).toCompletableFuture().get(20, TimeUnit.SECONDS);
            throw new AssertionError("answered");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
