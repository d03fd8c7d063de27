package dev.radsec.transport.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.radsec.codec.PacketCode;
import dev.radsec.transport.DestinationStatistics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (a bug found in 0b2bb12): a RadSec destination with several connections deadlocks when requests are sent from the
 * completion of earlier ones, the usual asynchronous pattern (and what a proxying request handler does).
 *
 * <p>MINA's {@code SSLHandlerG0.receive} holds the session's handler lock while it delivers decrypted data, so
 * {@code DestinationClient.received} and everything it defers run under that lock: the answered future's
 * completion (user callbacks) and the sends of queued requests. A send to another connection of the destination
 * ({@code dispatch} picks the first connection with a free Identifier) then needs that connection's handler lock
 * ({@code SSLHandlerG0.write} is synchronized), which its own I/O thread holds while doing the same the other way
 * round. Two or three NioProcessor threads end up waiting for each other's {@code SSLHandlerG0}; the destination
 * never answers again, and {@code close()} hangs. Requests need more than 256 in flight (several connections).
 *
 * <p>The failure message carries the JVM's deadlock report with the stacks. Possible fixes: complete futures and
 * write to other sessions off the I/O thread (an executor), or only ever write to a session from its own I/O
 * thread.
 */
class CallbackSendTest {
    static final int DESTINATION = 1;
    static final int CHAINS = 1000;
    static final int EACH = 40;

    @TempDir
    Path dir;

    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();

    @Test
    void requestsSentFromCompletionsAreAllAnswered() throws Exception {
        Peer peer = Peer.started(dir);
        Waits.closing(peer, () -> {
            peer.radsecDestination(DESTINATION, "max-tx-buffers", "3200");
            Waits.until(() -> raw(peer).state() == DestinationStatistics.State.UP, Duration.ofSeconds(10),
                    () -> raw(peer).toString());
            // 1,000 chains of 40: each answer sends the chain's next request, from the completing thread.
            for (int i = 0; i < CHAINS; i++) {
                chain(peer, EACH);
            }
            int total = CHAINS * EACH;
            Waits.until(() -> accepted.get() + failed.get() == total, Duration.ofSeconds(15),
                    () -> "all " + total + " ended; accepted " + accepted + ", failed " + failed + "; " + raw(peer)
                            + ", connections " + raw(peer).connections());
            assertEquals(total, accepted.get(), () -> raw(peer).toString());
        });
    }

    private void chain(Peer peer, int left) {
        if (left == 0) {
            return;
        }
        peer.client.send(DESTINATION, TransportContract.login("alice", "alice-pw")).whenComplete((r, t) -> {
            (t == null && r.code() == PacketCode.ACCESS_ACCEPT ? accepted : failed).incrementAndGet();
            chain(peer, left - 1);
        });
    }

    static DestinationStatistics raw(Peer peer) {
        return peer.client.statistics(DESTINATION).orElseThrow();
    }
}
