package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.DestinationStatistics.State;
import dev.radsec.transport.DestinationUnavailableException;
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
 * A UDP destination without Status-Server has no other sign of a dead server than its timeouts: {@code retries}
 * of them in a row take it DOWN (so failover lists and balancing relays skip it), and it is tried again after the
 * reconnect backoff. An answer in between starts the count again; Status-Server, and servers named by address,
 * keep the old behaviour.
 */
class UdpDownAfterTimeoutsTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final String SECRET = "a-udp-secret-long";

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-11-22T00:00:00Z"));
    private final FakeLinks links = new FakeLinks();
    private final List<State> states = new ArrayList<>();

    private DestinationClient udp(boolean named, String... kv) throws Exception {
        links.retransmits = RetransmitPolicy.RFC_5080;
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "127.0.0.1", "protocol", "udp",
                "secret", SECRET, "timeout", "1", "retries", "2", "status-server", "0"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        DestinationClient c = new DestinationClient(DestinationSettings.parse(p), RadiusDictionary.of(DICT), timer,
                links, Runnable::run);
        if (named) {
            c.keepUpOnTimeouts();
        }
        c.stateListener((id, previous, current, reason) -> states.add(current));
        c.start();
        links.last().up();
        return c;
    }

    private static RadiusPacket request() {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "alice")
                .add("User-Password", "pw").build();
    }

    /** Sends one request and lets it time out: 1 s, then the two retransmissions' RFC 5080 waits. */
    private CompletableFuture<RadiusPacket> timedOut(DestinationClient c) {
        CompletableFuture<RadiusPacket> f = c.submit(request());
        timer.advance(Duration.ofSeconds(10));
        return f;
    }

    private void answerLast(FakeLinks.FakeLink link) throws Exception {
        byte[] wire = link.sent.get(link.sent.size() - 1);
        RadiusPacket req = CODEC.decodeRequest(wire, 0, wire.length, SharedSecret.of(SECRET),
                dev.radsec.codec.MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        link.deliver(CODEC.encodeResponse(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT)
                .identifier(req.identifier()).build(), req, SharedSecret.of(SECRET)));
    }

    @Test
    void retriesTimeoutsInARowTakeItDownAndTheBackoffBringsItBack() throws Exception {
        DestinationClient c = udp(false);
        FakeLinks.FakeLink first = links.last();
        assertInstanceOf(RequestTimeoutException.class, Ended.failure(timedOut(c)));
        assertEquals(State.UP, c.statistics().state(), "one timeout is not an outage");
        CompletableFuture<RadiusPacket> inFlight = c.submit(request());
        timer.advance(Duration.ofSeconds(3));
        CompletableFuture<RadiusPacket> second = c.submit(request());
        timer.advance(Duration.ofSeconds(5)); // the first of these two times out (6.5-7.5 s): the second in a row
        assertInstanceOf(RequestTimeoutException.class, Ended.failure(inFlight));
        assertTrue(first.closed, "retries (2) timeouts in a row close the link");
        assertEquals(State.DOWN, c.statistics().state());
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(second),
                "what was still in flight fails over");
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(c.submit(request())), "DOWN: fails at once");
        timer.advance(Duration.ofSeconds(2)); // the first reconnect: within 0.5 s, jitter included
        assertEquals(2, links.opened.size());
        links.last().up();
        assertEquals(State.UP, c.statistics().state(), "tried again");
        assertEquals(List.of(State.UP, State.DOWN, State.UP), states, "listeners hear each change");
    }

    @Test
    void anAnswerBetweenTimeoutsStartsTheCountAgain() throws Exception {
        DestinationClient c = udp(false);
        timedOut(c);
        CompletableFuture<RadiusPacket> answered = c.submit(request());
        answerLast(links.last());
        assertEquals(PacketCode.ACCESS_ACCEPT, answered.get().code());
        timedOut(c);
        assertFalse(links.last().closed, "1, answer, 1: never two in a row");
        assertEquals(State.UP, c.statistics().state());
        timedOut(c);
        assertEquals(State.DOWN, c.statistics().state());
    }

    @Test
    void retriesZeroStillNeedsOneTimeout() throws Exception {
        DestinationClient c = udp(false, "retries", "0");
        assertEquals(State.UP, c.statistics().state());
        timedOut(c);
        assertEquals(State.DOWN, c.statistics().state());
    }

    @Test
    void withStatusServerTheWatchdogJudgesAndServersNamedByAddressStayUp() throws Exception {
        DestinationClient watched = udp(false, "status-server", "30");
        for (int i = 0; i < 3; i++) {
            watched.submit(request());
            timer.advance(Duration.ofSeconds(8)); // within the quiet interval: no probe yet
        }
        assertEquals(3, watched.statistics().timeouts());
        assertEquals(State.UP, watched.statistics().state(), "the watchdog's probe is the judge, not the timeouts");
        DestinationClient named = udp(true);
        for (int i = 0; i < 4; i++) {
            timedOut(named);
        }
        assertEquals(4, named.statistics().timeouts());
        assertEquals(State.UP, named.statistics().state(), "a NAS taking CoA is not a destination to fail over from");
    }
}
