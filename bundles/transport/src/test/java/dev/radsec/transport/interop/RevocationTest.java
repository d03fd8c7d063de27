package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.TestPki;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationStatistics.State;
import dev.radsec.transport.DestinationUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate revocation on both ends of a RadSec connection to FreeRADIUS 3.2.1.
 */
class RevocationTest {
    @TempDir
    Path dir;

    /**
     * Our client certificate is revoked by the CA and FreeRADIUS checks CRLs ({@code check_crl}, hashed
     * {@code ca_path}), speaking TLS 1.2 only: the handshake fails, so the destination never comes up (no TLS
     * session was ever reported) and never sends a request; every request fails as unavailable. A second,
     * unrevoked client certificate from the same CA works against the same server.
     */
    @Test
    void aServerThatChecksCrlsRefusesOurRevokedCertificateInTheTls12Handshake() throws Exception {
        DestinationStatistics s = revokedClient("1.2");
        assertTrue(s.tlsVersion().isEmpty(), "a TLS session came up: " + s.tlsVersion());
        assertEquals(0, s.requests(), s.toString());
        assertEquals(0, s.connections(), s.toString());
    }

    /**
     * The same over TLS 1.3, where (INTEROP.md) the server judges the client certificate only after the client's
     * handshake has completed: our side sees TLS up and then the connection closed. No request is ever answered,
     * and every one fails as unavailable.
     */
    @Test
    void aServerThatChecksCrlsRefusesOurRevokedCertificateOverTls13() throws Exception {
        revokedClient("1.3");
    }

    /** Runs the revoked-client scenario against a server speaking TLS {@code version}; the destination's statistics. */
    private DestinationStatistics revokedClient(String version) throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        Peer peer = new Peer(dir, (pki, builder) -> {
            pki.revoke(pki.client());
            return builder.crlCheck(pki.hashedDir()).tlsVersions(version, version);
        });
        try {
            // The control: same server, same CA, a certificate that is not revoked.
            TestPki.Credential other = peer.pki.issue("client2", "client2");
            peer.credentials.certificateConfigured("cert-client2", Map.of("name", "client2",
                    "certificate", other.certificate().toString(), "private-key", other.key().toString()));
            Waits.until(() -> peer.credentials.certificate("client2").isAvailable(), Duration.ofSeconds(10),
                    () -> peer.credentials.certificate("client2").toString());
            peer.radsecDestination(2, "tls-certificate", "client2");
            assertEquals(PacketCode.ACCESS_ACCEPT, peer.client.send(2, TransportContract.login("alice", "alice-pw"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).code(), () -> peer.server.log());
            assertEquals("TLSv" + version, stats(peer, 2).tlsVersion().orElseThrow());

            // Our own PKI does not know of the revocation (its trust store has no CRL): only the server refuses.
            assertTrue(peer.credentials.certificate("client").isAvailable());
            peer.radsecDestination(1);
            // Requests for 2 s: across several reconnect attempts.
            List<Throwable> failures = failAsUnavailable(peer, 1, Duration.ofSeconds(2),
                    "over a revoked client certificate", () -> { });
            DestinationStatistics s = stats(peer, 1);
            assertEquals(0, s.accepts() + s.rejects() + s.challenges() + s.timeouts(), s.toString());
            assertEquals(0, s.pending(), s.toString());
            System.out.println("RevocationTest (revoked client, TLS " + version + "): " + failures.size()
                    + " requests failed as unavailable, the first with '" + failures.get(0).getMessage()
                    + "'; TLS session seen: " + s.tlsVersion() + "; " + s);
            return s;
        } finally {
            Waits.close(peer);
        }
    }

    /**
     * Live revocation: the destination is up, then the CA revokes the server's certificate and the new CRL is
     * written over the one our trust store ({@code crl}, {@code check-revocation = crl}) watches. The PKI reloads
     * it (after 500 ms) and the transport closes the live connection; reconnecting fails, since the server
     * certificate is now revoked, so requests fail as unavailable.
     */
    @Test
    void theConnectionIsClosedWhenTheServerCertificateIsRevoked() throws Exception {
        Peer peer = Peer.started(dir);
        try {
            Path trustDir = Files.createDirectories(dir.resolve("trust"));
            Path crl = trustDir.resolve("crl.pem");
            Files.copy(peer.pki.crl(), crl);
            peer.credentials.trustConfigured("trust-crl", Map.of("name", "crl-checked",
                    "ca", peer.pki.caCertificate().toString(), "crl", crl.toString(), "check-revocation", "crl"));
            Waits.until(() -> !peer.credentials.trustAnchors("crl-checked").isEmpty(), Duration.ofSeconds(10),
                    () -> "trust store crl-checked loaded");
            peer.radsecDestination(3, "tls-trust", "crl-checked");
            assertEquals(PacketCode.ACCESS_ACCEPT, peer.client.send(3, TransportContract.login("alice", "alice-pw"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).code());
            DestinationStatistics up = stats(peer, 3);
            assertEquals(State.UP, up.state(), up.toString());
            assertEquals(1, up.connections(), up.toString());

            // Revoke, and replace the watched CRL file in one step (a rename), as a CRL distribution job would.
            peer.pki.revoke(peer.pki.server());
            Path next = trustDir.resolve("crl.pem.next");
            Files.copy(peer.pki.directory().resolve("crl.pem"), next);
            long written = System.nanoTime();
            Files.move(next, crl, StandardCopyOption.ATOMIC_MOVE);

            Waits.until(() -> {
                DestinationStatistics s = stats(peer, 3);
                return s.state() != State.UP && s.connections() == 0;
            }, Duration.ofSeconds(10), () -> "the live connection closed after the server certificate was revoked: "
                    + stats(peer, 3));
            long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);

            // Now, and across the reconnect attempts that follow (backoff 0.5 s, then up to 1 s and 2 s), no
            // connection comes up: the handshake fails on the revoked server certificate.
            List<Throwable> failures = failAsUnavailable(peer, 3, Duration.ofSeconds(3),
                    "by a server whose certificate is revoked", () -> {
                        DestinationStatistics s = stats(peer, 3);
                        assertTrue(s.state() != State.UP && s.connections() == 0,
                                "reconnected to a revoked server: " + s);
                    });
            DestinationStatistics s = stats(peer, 3);
            assertEquals(1, s.accepts(), s.toString());
            assertEquals(0, s.pending(), s.toString());
            System.out.println("RevocationTest (live revocation): connection closed " + closedAfter
                    + " ms after the CRL was written; then " + failures.size() + " requests failed, the first with '"
                    + failures.get(0).getMessage() + "'; " + s);
        } finally {
            Waits.close(peer);
        }
    }

    /**
     * Sends alice's login to {@code destination} for {@code duration}, one every 20 ms (pacing only), checking
     * {@code afterEach} after each: none may be answered ({@code answered} says how that would be wrong), each must
     * fail as {@link DestinationUnavailableException}. Returns the failures.
     */
    static List<Throwable> failAsUnavailable(Peer peer, int destination, Duration duration, String answered,
                                             Runnable afterEach) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try {
                RadiusPacket r = peer.client.send(destination, TransportContract.login("alice", "alice-pw"))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                throw new AssertionError("answered " + r.code() + " " + answered);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
            afterEach.run();
            Thread.sleep(20);
        }
        for (Throwable t : failures) {
            assertInstanceOf(DestinationUnavailableException.class, t);
        }
        return failures;
    }

    static DestinationStatistics stats(Peer peer, int id) {
        return peer.client.statistics(id).orElseThrow();
    }
}
