package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.RadsecproxyProcess;
import dev.radsec.transport.DestinationStatistics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (interop with radsecproxy 1.9.2, fixed by offering no session resumption): every new connection to a radsecproxy we were already connected to
 * fails once, so the request that opens it fails as unavailable and the destination is DOWN for 0.5 s.
 *
 * <p>The JDK offers TLS 1.3 session resumption (a PSK from the ticket of the previous connection: the destination's
 * {@code SSLContext} caches sessions by host and port). radsecproxy verifies client certificates but sets no
 * session id context, so OpenSSL refuses to resume: radsecproxy logs "SSL accept from loopback failed:
 * error:0A000115:SSL routines::session id context uninitialized" and sends internal_error; we report "Received
 * fatal alert: internal_error". The next attempt, 0.5 s later, is a full handshake and works. It bites on every
 * idle-timeout reopen (below), on every extra link opened under load (seen in the radsecproxy log of
 * {@link RadsecproxyContractTest}), and on every reconnect after a lost connection. FreeRADIUS is not affected.
 *
 * <p>The cause is radsecproxy's, but we can avoid it: do not offer resumption for RadSec (e.g. create the
 * SSLEngine without peer host and port, or a fresh SSLContext per connection), or retry a failed resumption at
 * once with a full handshake.
 */
class RadsecproxyReconnectTest {
    static final int DESTINATION = 31;

    @TempDir
    Path dir;

    @Test
    void theRequestThatReopensAnIdleConnectionIsAnswered() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        Peers.assumeInstalled(RadsecproxyProcess.BINARY, RadsecproxyProcess.PACKAGE);
        Peer peer = new Peer(dir);
        RadsecproxyProcess proxy = null;
        try {
            proxy = peer.radsecproxy(dir);
            peer.radsecDestination(DESTINATION, "port", String.valueOf(proxy.port()), "idle-timeout", "1");
            assertEquals(PacketCode.ACCESS_ACCEPT, send(peer).code());
            Waits.until(() -> stats(peer).state() == DestinationStatistics.State.IDLE, Duration.ofSeconds(5),
                    () -> "idle after 1 s: " + stats(peer));
            RadsecproxyProcess p = proxy;
            try {
                assertEquals(PacketCode.ACCESS_ACCEPT, send(peer).code());
            } catch (ExecutionException e) {
                throw new AssertionError("reopening the idle connection failed: " + e.getCause() + "; " + stats(peer)
                        + "\nradsecproxy: " + p.log().lines().filter(l -> l.contains("tlsserver"))
                        .reduce("", (a, b) -> a + "\n" + b));
            }
        } finally {
            try {
                Waits.close(peer);
            } finally {
                if (proxy != null) {
                    proxy.close();
                }
            }
        }
    }

    static RadiusPacket send(Peer peer) throws Exception {
        return peer.client.send(DESTINATION, TransportContract.login("alice", "alice-pw")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    static DestinationStatistics stats(Peer peer) {
        return peer.client.statistics(DESTINATION).orElseThrow();
    }
}
