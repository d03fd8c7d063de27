package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.interop.FreeRadiusProcess;
import dev.radsec.relay.internal.RelayConfiguration;
import dev.radsec.relay.internal.RelayRegistry;
import dev.radsec.transport.AccountingSpoolStatistics;
import dev.radsec.transport.internal.RadiusServerImpl;
import dev.radsec.transport.internal.RadiusServerService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounting under load through a relay with an accounting spool, to a real FreeRADIUS 3.2.1 over RadSec that is
 * killed (SIGKILL) and started again 30 s later: the NAS (our UDP client, a few hundred records a second, each with
 * its own Acct-Session-Id) is answered throughout, and once the server is back every record is in its detail files
 * exactly once.
 */
class AccountingOutageTest {
    static final String NAS_SECRET = "nas-secret-spool";
    static final int RATE = 200;
    static final Duration BEFORE = Duration.ofSeconds(5);
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration AFTER = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void everyRecordReachesTheServerExactlyOnceAcrossA30SecondOutage() throws Exception {
        Peer peer = Peer.started(dir);
        RadiusServerImpl server = new RadiusServerImpl(peer.credentials, Dictionary.standard(), peer.timer);
        RelayRegistry registry = Relays.registry(peer.client);
        RelayConfiguration relay = new RelayConfiguration(new RadiusServerService(server), peer.client, registry,
                dir.resolve("spool"), null);
        FreeRadiusProcess again = null;
        try (AccountingNas nas = new AccountingNas(peer.client, 9, "outage")) {
            peer.radsecDestination(1);
            relay.apply(new HashMap<>(Map.of("service.pid", "dev.radsec.relay.spool", "name", "spool",
                    "auth-port", "0", "acct-port", "0", "secret", NAS_SECRET, "destinations", "1")));
            int port = server.localAddress("relay-spool-acct").orElseThrow().getPort();
            peer.client.destinationConfigured("nas", Map.of("id", "9", "address", "127.0.0.1", "protocol", "udp",
                    "port", String.valueOf(port), "accounting-port", String.valueOf(port), "secret", NAS_SECRET,
                    "timeout", "2", "retries", "2", "max-tx-buffers", "2000"));
            int radsecPort = peer.server.radsecPort();
            int total = (int) (RATE * (BEFORE.plus(OUTAGE).plus(AFTER)).toSeconds());
            nas.start(total, RATE);

            Thread.sleep(BEFORE.toMillis());
            ProcessHandle.of(peer.server.pid()).orElseThrow().destroyForcibly(); // SIGKILL
            long killedAt = System.nanoTime();
            int sentAtKill = nas.sent();
            Thread.sleep(OUTAGE.toMillis());
            AccountingSpoolStatistics during = registry.relay("spool").orElseThrow().accountingSpool();
            again = Peer.serverBuilder(dir.resolve("freeradius-again"), peer.pki, radsecPort).start();
            long backAt = System.nanoTime();

            assertTrue(nas.awaitAnswered(Duration.ofSeconds(60)), "the NAS got an answer for every record: "
                    + nas.answered() + " of " + total);
            long drainedAt = awaitDrained(registry, Duration.ofSeconds(120));
            Map<String, Integer> detail = nas.detail(dir);
            Map<String, Integer> wrong = nas.notExactlyOnce(detail);
            AccountingSpoolStatistics after = registry.relay("spool").orElseThrow().accountingSpool();
            System.out.printf("accounting spool: %d records at %d/s, FreeRADIUS killed after %d, down %d s; %d spooled"
                            + " (%d waiting when it came back, %d bytes), %d replayed, drained %.1f s after it listened"
                            + " again; NAS resent %d; detail files: %d sessions, %d not exactly once%n",
                    total, RATE, sentAtKill, (backAt - killedAt) / 1_000_000_000L, after.spooled(), during.records(),
                    during.bytes(), after.replayed(), (drainedAt - backAt) / 1e9, nas.resent(), detail.size(),
                    wrong.size());
            assertEquals(Map.of(), wrong, "sessions in the detail files other than once");
            assertTrue(during.records() > RATE * (OUTAGE.toSeconds() - 2), "spooled during the outage: " + during);
            assertEquals(after.spooled(), after.replayed(), "everything spooled went on: " + after);
            assertEquals(0, after.records());
            assertEquals(0, after.full());
            assertEquals(0, after.torn());
        } finally {
            relay.remove();
            server.close();
            if (again != null) {
                again.close();
            }
            peer.close();
        }
    }

    /** When the relay's spool was empty again. */
    static long awaitDrained(RelayRegistry registry, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (registry.relay("spool").orElseThrow().accountingSpool().records() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the spool did not drain within " + max + ": "
                        + registry.relay("spool").orElseThrow().accountingSpool());
            }
            Thread.sleep(20);
        }
        return System.nanoTime();
    }
}
