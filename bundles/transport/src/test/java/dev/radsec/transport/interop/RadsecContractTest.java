package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract over RadSec: mutual TLS to FreeRADIUS 3.2.1's RadSec listener. */
class RadsecContractTest extends PeerContract {
    private static final int DESTINATION = 1;

    @RegisterExtension
    static final PeerPerClass PEER = new PeerPerClass(
            peer -> peer.radsecDestination(DESTINATION, "max-tx-buffers", "1000"));

    RadsecContractTest() {
        super(PEER::peer, DESTINATION);
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
        peer().radsecDestination(2, "tls-peer-name", "radius.example.org");
        Throwable t = failure(2);
        assertInstanceOf(DestinationUnavailableException.class, t);
        assertTrue(t.getMessage().contains("does not name 'radius.example.org'"), t.getMessage());
    }

    @Test
    void aServerFromAnUntrustedCaIsRefused() throws Exception {
        TestPki stranger = TestPki.create(PEER.dir().resolve("other-pki"));
        peer().credentials.trustConfigured("trust-other", Map.of("name", "other",
                "ca", stranger.caCertificate().toString()));
        peer().radsecDestination(3, "tls-trust", "other");
        assertInstanceOf(DestinationUnavailableException.class, failure(3));
    }

    private Throwable failure(int id) throws Exception {
        try {
            client().send(id, login("alice", "alice-pw")).toCompletableFuture().get(20, TimeUnit.SECONDS);
            throw new AssertionError("answered");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
