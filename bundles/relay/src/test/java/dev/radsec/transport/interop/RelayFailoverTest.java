package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.Peers;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.relay.internal.RelayConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay with two RadSec destinations (two real FreeRADIUS servers): the first is stopped under load, and every
 * request is answered through the second or ends counted at the NAS. The NAS is our own UDP client.
 */
class RelayFailoverTest {
    static final String NAS_SECRET = "nas-secret-failover";
    @TempDir
    Path dir;

    @Test
    void stoppingTheFirstDestinationUnderLoadLosesNothing() throws Exception {
        Peers.assumeInstalled(Path.of("/usr/sbin/freeradius"), "freeradius");
        Peer peer = new Peer(dir);
        FreeRadiusProcess second = Peer.serverBuilder(dir.resolve("second"), peer.pki, 0).start();
        RadiusServerImpl server = new RadiusServerImpl(peer.credentials, Dictionary.standard(), peer.timer);
        RelayConfiguration relay = Relays.relay(server, peer.client);
        try {
            peer.radsecDestination(1);
            peer.radsecDestination(2, "port", String.valueOf(second.radsecPort()));
            relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.fo", "name", "fo", "auth-port", "0",
                    "acct-port", "0", "secret", NAS_SECRET, "destinations", "1, 2")));
            int relayPort = server.localAddress("relay-fo-auth").orElseThrow().getPort();
            // The NAS: UDP to the relay, retrying as a NAS does.
            peer.client.destinationConfigured("nas", Map.of("id", "9", "address", "127.0.0.1", "protocol", "udp",
                    "port", String.valueOf(relayPort), "accounting-port", String.valueOf(relayPort),
                    "secret", NAS_SECRET, "timeout", "2", "retries", "4", "max-tx-buffers", "1000"));

            int total = 2000;
            Semaphore window = new Semaphore(200);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<CompletableFuture<RadiusPacket>> all = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                if (i == total / 3) {
                    peer.server.close(); // the first destination goes away mid-stream
                }
                assertTrue(window.tryAcquire(60, TimeUnit.SECONDS), "the stream stalled");
                CompletableFuture<RadiusPacket> f = peer.client.send(9, TransportContract.login("alice", "alice-pw"))
                        .toCompletableFuture();
                f.whenComplete((r, t) -> {
                    (t == null && r.code() == PacketCode.ACCESS_ACCEPT ? accepted : failed).incrementAndGet();
                    window.release();
                });
                all.add(f);
            }
            for (CompletableFuture<RadiusPacket> f : all) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException ignored) {
                    // counted above
                }
            }
            assertEquals(total, accepted.get() + failed.get(), "every request ended");
            assertEquals(0, failed.get(), "with retries, the NAS got every answer through the second destination: "
                    + peer.client.statistics(1) + "\n" + peer.client.statistics(2) + "\n" + peer.client.statistics(9));
            assertTrue(peer.client.statistics(2).orElseThrow().accepts() > 0, "the second destination answered");
        } finally {
            relay.remove();
            server.close();
            second.close();
            peer.close();
        }
    }
}
