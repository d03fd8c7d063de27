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
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RadiusDictionary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A busy UDP destination spreads its requests over several links (256 Identifiers each), and a UDP link is up the
 * moment it is opened. When the server stops answering, the health checks judge one link at a time: before, each
 * link closed as unresponsive was replaced at once by a fresh one that was UP, so the destination never went DOWN,
 * never failed over, and sent every request to the dead server to time out. Now a link judged unresponsive while no
 * other link heard an answer since it last did means the server is silent: every link closes and the destination is
 * DOWN. A link judged while another one is being answered is only that link. Back from DOWN, a server that answered
 * Status-Server before must answer it again before the destination is UP: an open UDP socket proves nothing.
 */
class SilentServerManyLinksTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret SECRET = SharedSecret.of("a-udp-secret-long");

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-12-03T00:00:00Z"));
    private final FakeLinks links = new FakeLinks();

    private DestinationClient udp(String statusServer) throws Exception {
        links.retransmits = RetransmitPolicy.RFC_5080;
        DestinationClient c = new DestinationClient(DestinationSettings.parse(new HashMap<>(Map.of("id", "1",
                "address", "127.0.0.1", "protocol", "udp", "secret", "a-udp-secret-long", "timeout", "1",
                "retries", "1", "status-server", statusServer))), RadiusDictionary.of(DICT), timer, links,
                Runnable::run);
        c.start();
        links.last().up();
        return c;
    }

    /** Submits one request; a link it opened is up at once, as UDP links are (no handshake). */
    private CompletableFuture<RadiusPacket> request(DestinationClient c) {
        CompletableFuture<RadiusPacket> f = c.submit(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                .add("User-Name", "alice").add("User-Password", "pw").build());
        links.opened.forEach(FakeLinks.FakeLink::up);
        return f;
    }

    /** 300 requests a second, for {@code seconds}, against a server that answers nothing. */
    private void load(DestinationClient c, int seconds) {
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < 300; i++) {
                request(c);
            }
            timer.advance(Duration.ofSeconds(1));
        }
    }

    private static void answerEverything(FakeLinks.FakeLink link) throws Exception {
        for (byte[] wire : List.copyOf(link.sent)) {
            RadiusPacket req = CODEC.decodeRequest(wire, 0, wire.length, SECRET,
                    MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
            link.deliver(CODEC.encodeResponse(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT)
                    .identifier(req.identifier()).build(), req, SECRET));
        }
        link.sent.clear();
    }

    private static boolean isStatusServer(byte[] wire) {
        return (wire[0] & 0xFF) == PacketCode.STATUS_SERVER.code();
    }

    @Test
    void withStatusServerASilentServerTakesTheWholeDestinationDownUntilItAnswersStatusServer() throws Exception {
        DestinationClient c = udp("30");
        timer.advance(Duration.ofSeconds(30)); // quiet: the watchdog asks, and the server answers (RFC 5997)
        answerEverything(links.last());
        load(c, 40);
        assertTrue(links.opened.size() > 1, "the load spread over several links: " + links.opened.size());
        assertEquals(State.DOWN, c.statistics().state(), "the server answered on no link for 40 s");
        assertTrue(links.opened.stream().filter(l -> !l.closed).allMatch(l -> l.sent.stream()
                .allMatch(SilentServerManyLinksTest::isStatusServer)), "no link left sending requests to it, only probes");
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(request(c)),
                "a failover list or a balancer moves on at once");

        load(c, 20); // reconnects keep coming within reconnect-demand-cap, each proving nothing
        assertEquals(State.DOWN, c.statistics().state(), "an open UDP socket is not a server");
        timer.advance(Duration.ofSeconds(1));
        FakeLinks.FakeLink back = links.opened.stream().filter(l -> !l.closed).findFirst().orElseThrow();
        back.up();
        assertFalse(back.sent.isEmpty());
        assertTrue(back.sent.stream().allMatch(SilentServerManyLinksTest::isStatusServer),
                "the server is asked with Status-Server (RFC 5997), nothing else");
        answerEverything(back); // the server is back
        assertEquals(State.UP, c.statistics().state());
        CompletableFuture<RadiusPacket> next = request(c);
        answerEverything(back);
        assertEquals(PacketCode.ACCESS_ACCEPT, next.get(1, TimeUnit.SECONDS).code());
    }

    /** Windows NPS, for one, does not answer Status-Server: after an outage its destination is UP at once again. */
    @Test
    void aServerThatNeverAnsweredStatusServerIsNotAskedToProveItself() throws Exception {
        DestinationClient c = udp("30");
        for (int s = 0; s < 40 && c.statistics().state() != State.DOWN; s++) {
            load(c, 1);
        }
        assertEquals(State.DOWN, c.statistics().state(), "the server answered on no link");
        timer.advance(Duration.ofSeconds(1)); // the reconnect
        FakeLinks.FakeLink back = links.last();
        back.up();
        assertEquals(State.UP, c.statistics().state(), "it would never be UP again if it had to answer Status-Server");
        CompletableFuture<RadiusPacket> next = request(c);
        answerEverything(back);
        assertEquals(PacketCode.ACCESS_ACCEPT, next.get(1, TimeUnit.SECONDS).code());
    }

    @Test
    void withoutStatusServerTimeoutsInARowTakeTheWholeDestinationDown() throws Exception {
        List<State> states = new ArrayList<>();
        DestinationClient c = udp("0");
        c.stateListener((id, previous, current, reason) -> states.add(current));
        load(c, 10);
        assertTrue(links.opened.size() > 1, "the load spread over several links: " + links.opened.size());
        assertTrue(states.contains(State.DOWN), "DOWN at least while the backoff runs: " + states);
    }

    @Test
    void aLinkJudgedWhileAnotherIsAnsweredIsOnlyThatLink() throws Exception {
        DestinationClient c = udp("0");
        for (int i = 0; i < 300; i++) {
            request(c); // 256 on the first link, 44 on the second
        }
        assertEquals(2, links.opened.size());
        FakeLinks.FakeLink first = links.opened.get(0);
        FakeLinks.FakeLink second = links.opened.get(1);
        timer.advance(Duration.ofMillis(500));
        answerEverything(second); // the server answers there
        timer.advance(Duration.ofSeconds(5)); // the first link's requests time out, twice in a row and more
        assertTrue(first.closed, "the link that got no answers is closed");
        assertFalse(second.closed, "the server answered on this one since: " + second.closedFor);
        assertEquals(State.UP, c.statistics().state());
        CompletableFuture<RadiusPacket> next = request(c);
        answerEverything(second);
        assertEquals(PacketCode.ACCESS_ACCEPT, next.get(1, TimeUnit.SECONDS).code());
    }
}
