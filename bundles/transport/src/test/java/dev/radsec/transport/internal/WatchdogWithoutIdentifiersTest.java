package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.DestinationStatistics.State;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RequestTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The Status-Server watchdog on a link whose Identifiers all rest after timeouts ({@code id-reuse-timeout}, 120 s
 * by default): it has nothing to probe with. Before, it re-armed silently, and a server that stopped answering
 * under load kept its destination UP and sending nothing for id-reuse-timeout, each request failing after its
 * timeout in the queue ("every Identifier in use"), even after the server was back. Now the link is closed as
 * unresponsive, as an unanswered probe would have it; a link whose Identifiers are in flight is left alone.
 */
class WatchdogWithoutIdentifiersTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret SECRET = SharedSecret.of("radsec");

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-12-03T00:00:00Z"));
    private final FakeLinks links = new FakeLinks();

    private DestinationClient upClient(String timeout) throws Exception {
        DestinationClient c = new DestinationClient(DestinationSettings.parse(new HashMap<>(Map.of("id", "1",
                "address", "127.0.0.1", "tls-certificate", "client", "status-server", "30", "timeout", timeout))),
                RadiusDictionary.of(DICT), timer, links, Runnable::run);
        c.start();
        links.last().up();
        return c;
    }

    private static List<CompletableFuture<RadiusPacket>> send(DestinationClient c, int n) {
        List<CompletableFuture<RadiusPacket>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(c.submit(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "alice").build()));
        }
        return sent;
    }

    @Test
    void aLinkWhoseIdentifiersAllRestAfterTimeoutsIsClosedByTheWatchdogAndAFreshOneTakesRequests() throws Exception {
        DestinationClient c = upClient("5");
        FakeLinks.FakeLink first = links.last();
        List<CompletableFuture<RadiusPacket>> all = send(c, 256);
        timer.advance(Duration.ofSeconds(5));
        for (CompletableFuture<RadiusPacket> f : all) {
            assertInstanceOf(RequestTimeoutException.class, Ended.failure(f));
        }
        timer.advance(Duration.ofSeconds(24));
        assertEquals(State.UP, c.statistics().state(), "a quiet interval has not passed yet");
        assertFalse(first.closed);

        timer.advance(Duration.ofSeconds(1)); // 30 s without an answer, and no Identifier free to probe with
        assertTrue(first.closed, "closed as unresponsive instead of waiting 120 s for an Identifier");
        assertEquals(256, first.sent.size(), "no probe could be sent on it");
        assertEquals(State.DOWN, c.statistics().state());

        timer.advance(Duration.ofSeconds(1)); // the reconnect backoff starts at 0.5 s
        FakeLinks.FakeLink second = links.last();
        assertTrue(second != first, "a new link, with fresh Identifiers");
        second.up();
        CompletableFuture<RadiusPacket> next = c.submit(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                .add("User-Name", "alice").build());
        assertEquals(1, second.sent.size(), "sent at once");
        byte[] wire = second.sent.get(0);
        RadiusPacket request = CODEC.decodeRequest(wire, 0, wire.length, SECRET, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        second.deliver(CODEC.encodeResponse(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT)
                .identifier(request.identifier()).build(), request, SECRET));
        assertEquals(PacketCode.ACCESS_ACCEPT, next.get().code());
        assertEquals(State.UP, c.statistics().state());
    }

    @Test
    void aLinkWhoseIdentifiersAreAllInFlightIsLeftToItsRequests() throws Exception {
        DestinationClient c = upClient("60");
        FakeLinks.FakeLink link = links.last();
        List<CompletableFuture<RadiusPacket>> all = send(c, 256);
        timer.advance(Duration.ofSeconds(30));
        assertFalse(link.closed, "its requests may still be answered");
        assertTrue(all.stream().noneMatch(CompletableFuture::isDone));
        timer.advance(Duration.ofSeconds(30)); // they time out: every Identifier rests, nothing in flight
        assertTrue(all.stream().allMatch(CompletableFuture::isDone));
        assertTrue(link.closed, "the watchdog's next look finds nothing to probe with");
        assertEquals(State.DOWN, c.statistics().state());
    }
}
