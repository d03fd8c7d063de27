package dev.radsec.transport.internal;

import dev.radsec.common.ManualScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.QueueFullException;
import dev.radsec.transport.RequestTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Request lifecycle over links the test controls, with a clock it moves: no sockets, no sleeping. */
class DestinationClientTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret SECRET = SharedSecret.of("radsec");

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-11-22T00:00:00Z"));
    private final FakeLinks links = new FakeLinks();

    private DestinationClient client(Map<String, Object> extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "127.0.0.1", "tls-certificate", "client"));
        p.putAll(extra);
        DestinationClient c = new DestinationClient(DestinationSettings.parse(p), dev.radsec.transport.RadiusDictionary.of(DICT), timer, links, Runnable::run);
        c.start();
        return c;
    }

    /** A destination as {@link #client} makes it, whose first link has come up. */
    private DestinationClient upClient(Map<String, Object> extra) throws Exception {
        DestinationClient c = client(extra);
        links.last().up();
        return c;
    }

    private static RadiusPacket accessRequest() {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "alice")
                .add("User-Password", "pw").build();
    }

    /** What a server would answer to {@code wire}, signed with {@code secret}. */
    private static byte[] answer(byte[] wire, PacketCode code, SharedSecret secret) throws Exception {
        RadiusPacket request = CODEC.decodeRequest(wire, 0, wire.length, SharedSecret.of("radsec"),
                dev.radsec.codec.MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        return CODEC.encodeResponse(RadiusPacket.builder(code, DICT).identifier(request.identifier())
                .add("Reply-Message", "hi").build(), request, secret);
    }

    @Test
    void aVerifiedAnswerCompletesTheRequestAndIsCounted() throws Exception {
        DestinationClient c = upClient(Map.of());
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
        byte[] sent = links.last().sent.get(0);
        timer.advance(Duration.ofMillis(40));
        links.last().deliver(answer(sent, PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(PacketCode.ACCESS_ACCEPT, f.get().code());
        DestinationStatistics s = c.statistics();
        assertEquals(1, s.requests());
        assertEquals(1, s.accepts());
        assertEquals(0, s.pending());
        assertEquals(40, s.lastRequestRttMillis());
        assertEquals(DestinationStatistics.State.UP, s.state());
    }

    @Test
    void forgedMalformedAndStrayRepliesAreCountedAndDroppedWithoutHarmingAnyRequest() throws Exception {
        DestinationClient c = upClient(Map.of());
        CompletableFuture<RadiusPacket> a = c.submit(accessRequest());
        CompletableFuture<RadiusPacket> b = c.submit(accessRequest());
        byte[] sentA = links.last().sent.get(0);
        byte[] sentB = links.last().sent.get(1);

        links.last().deliver(answer(sentA, PacketCode.ACCESS_ACCEPT, SharedSecret.of("wrong-secret"))); // forged
        byte[] truncated = answer(sentA, PacketCode.ACCESS_ACCEPT, SECRET);
        truncated[3] = 19; // Length below the header
        links.last().deliver(truncated);
        byte[] stray = answer(sentA, PacketCode.ACCESS_ACCEPT, SECRET);
        stray[1] = (byte) 200; // an Identifier nothing uses
        links.last().deliver(stray);
        byte[] wrongType = answer(sentA, PacketCode.COA_ACK, SECRET);
        links.last().deliver(wrongType);
        assertFalse(a.isDone());
        assertFalse(b.isDone());

        links.last().deliver(answer(sentB, PacketCode.ACCESS_REJECT, SECRET));
        links.last().deliver(answer(sentA, PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(PacketCode.ACCESS_ACCEPT, a.get().code());
        assertEquals(PacketCode.ACCESS_REJECT, b.get().code());
        DestinationStatistics s = c.statistics();
        assertEquals(2, s.badReplies(), s.toString());
        assertEquals(1, s.malformed(), s.toString());
        assertEquals(1, s.unknownTypes(), s.toString());
        assertEquals(1, s.rejects());
    }

    /**
     * What a server without BlastRADIUS hardening answers (FreeRADIUS 3.2.1, radsecproxy 1.9): the answer with
     * the Message-Authenticator the codec put first stripped, and the Response Authenticator signed again.
     */
    private static byte[] unsignedAnswer(byte[] sent, PacketCode code) throws Exception {
        byte[] accept = answer(sent, code, SECRET);
        byte[] stripped = new byte[accept.length - 18];
        System.arraycopy(accept, 0, stripped, 0, 20);
        System.arraycopy(accept, 38, stripped, 20, accept.length - 38);
        stripped[3] = (byte) stripped.length;
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
        md.update(stripped, 0, 4);
        md.update(sent, 4, 16);
        md.update(stripped, 20, stripped.length - 20);
        md.update("radsec".getBytes());
        System.arraycopy(md.digest(), 0, stripped, 4, 16);
        return stripped;
    }

    @Test
    void anAcceptWithoutMessageAuthenticatorIsABadReplyWhenRequired() throws Exception {
        DestinationClient c = upClient(Map.of("require-message-auth", "true"));
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
        links.last().deliver(unsignedAnswer(links.last().sent.get(0), PacketCode.ACCESS_ACCEPT));
        assertFalse(f.isDone());
        assertEquals(1, c.statistics().badReplies());
    }

    @Test
    void overRadsecByDefaultAnAcceptWithoutMessageAuthenticatorIsTaken() throws Exception {
        DestinationClient c = upClient(Map.of());
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
        links.last().deliver(unsignedAnswer(links.last().sent.get(0), PacketCode.ACCESS_ACCEPT));
        assertEquals(PacketCode.ACCESS_ACCEPT, f.get().code());
        assertEquals(0, c.statistics().badReplies());
    }

    @Test
    void autoTakesUnsignedAnswersUntilTheServerSignsOneThenRequiresIt() throws Exception {
        DestinationClient c = upClient(Map.of("require-message-auth", "auto"));
        CompletableFuture<RadiusPacket> first = c.submit(accessRequest());
        links.last().deliver(unsignedAnswer(links.last().sent.get(0), PacketCode.ACCESS_REJECT));
        assertEquals(PacketCode.ACCESS_REJECT, first.get().code());

        CompletableFuture<RadiusPacket> signed = c.submit(accessRequest());
        links.last().deliver(answer(links.last().sent.get(1), PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(PacketCode.ACCESS_ACCEPT, signed.get().code());

        CompletableFuture<RadiusPacket> later = c.submit(accessRequest());
        byte[] sent = links.last().sent.get(2);
        links.last().deliver(unsignedAnswer(sent, PacketCode.ACCESS_ACCEPT));
        assertFalse(later.isDone(), "a forged unsigned Accept is no longer taken");
        assertEquals(1, c.statistics().badReplies());
        links.last().deliver(answer(sent, PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(PacketCode.ACCESS_ACCEPT, later.get().code());
    }

    @Test
    void anUnansweredRequestTimesOutAndItsIdentifierRestsForTheReuseTimeout() throws Exception {
        DestinationClient c = upClient(Map.of("timeout", "5", "id-reuse-timeout", "60"));
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
        int firstId = links.last().sent.get(0)[1] & 0xFF;
        timer.advance(Duration.ofMillis(4999));
        assertFalse(f.isDone());
        timer.advance(Duration.ofMillis(1));
        assertInstanceOf(RequestTimeoutException.class, Ended.failure(f));
        assertEquals(1, c.statistics().timeouts());
        // 255 more requests take every other Identifier; the 257th must wait for the rested one (or a new link).
        List<CompletableFuture<RadiusPacket>> more = new ArrayList<>();
        for (int i = 0; i < 255; i++) {
            more.add(c.submit(accessRequest()));
        }
        for (int i = 1; i <= 255; i++) {
            assertNotEquals(firstId, links.opened.get(0).sent.get(i)[1] & 0xFF);
        }
        assertEquals(256, links.opened.get(0).sent.size());
        c.submit(accessRequest());
        assertEquals(256, links.opened.get(0).sent.size(), "no Identifier free on the first link");
        assertEquals(2, links.opened.size(), "a second link is opened instead of dropping");
        links.last().up();
        assertEquals(1, links.last().sent.size(), "the waiting request went out on it");
    }

    @Test
    void requestsBeyondMaxTxBuffersFailAtOnceAndAreCounted() throws Exception {
        DestinationClient c = client(Map.of("max-tx-buffers", "32"));
        List<CompletableFuture<RadiusPacket>> queued = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            queued.add(c.submit(accessRequest())); // still connecting: they wait
        }
        CompletableFuture<RadiusPacket> refused = c.submit(accessRequest());
        assertInstanceOf(QueueFullException.class, Ended.failure(refused));
        assertEquals(1, c.statistics().queueFull());
        assertEquals(32, c.statistics().pending());
        links.last().up();
        assertEquals(32, links.last().sent.size());
        assertTrue(queued.stream().noneMatch(CompletableFuture::isDone));
    }

    @Test
    void aLostConnectionFailsItsRequestsAndReconnectsWithBackoffForever() throws Exception {
        DestinationClient c = upClient(Map.of());
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
        links.last().close("server went away");
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(f));
        assertEquals(DestinationStatistics.State.DOWN, c.statistics().state());
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(c.submit(accessRequest())), "fails fast while down");

        int opened = links.opened.size();
        for (int attempt = 0; attempt < 12; attempt++) {
            timer.advance(DestinationClient.MAX_BACKOFF);
            assertEquals(opened + 1, links.opened.size(), "one new attempt per backoff period, never more");
            opened++;
            links.last().close("connection refused");
        }
        timer.advance(DestinationClient.MAX_BACKOFF);
        links.last().up();
        assertEquals(DestinationStatistics.State.UP, c.statistics().state());
        CompletableFuture<RadiusPacket> g = c.submit(accessRequest());
        assertAcceptedByTheLastLink(g);
    }

    /** A destination whose link went down and whose backoff grew to its 60 s ceiling with nothing wanting it. */
    private DestinationClient downWithGrownBackoff(Map<String, Object> extra) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "127.0.0.1", "tls-certificate", "client"));
        p.putAll(extra);
        DestinationClient c = new DestinationClient(DestinationSettings.parse(p), dev.radsec.transport.RadiusDictionary.of(DICT),
                timer, links, Runnable::run, new java.util.SplittableRandom(7)); // pinned jitter
        c.start();
        links.last().up();
        links.last().close("server killed");
        for (int refused = 0; refused < 10; refused++) {
            timer.advance(DestinationClient.MAX_BACKOFF);
            links.last().close("connection refused");
        }
        assertEquals(DestinationStatistics.State.DOWN, c.statistics().state());
        return c;
    }

    /** How many links open within {@code within} from now. */
    private int attemptsWithin(Duration within) {
        int before = links.opened.size();
        timer.advance(within);
        return links.opened.size() - before;
    }

    @Test
    void whileRequestsWantADownDestinationItIsTriedWithinTheDemandCapAndTheFullBackoffReturnsWhenTheyStop() throws Exception {
        DestinationClient c = downWithGrownBackoff(Map.of());
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(c.submit(accessRequest())), "still fails fast");
        assertEquals(1, attemptsWithin(Duration.ofMillis(500)), "a request brings the next attempt within 0.5 s");
        for (int i = 0; i < 5; i++) {
            // requests keep arriving while each attempt is refused: one attempt per 0.5 s at most, never a burst
            Ended.failure(c.submit(accessRequest()));
            links.last().close("connection refused");
            assertEquals(0, attemptsWithin(Duration.ofMillis(249)), "jitter: at least half the cap between attempts");
            assertEquals(1, attemptsWithin(Duration.ofMillis(251)));
        }
        links.last().close("connection refused"); // nothing wants it any more
        assertEquals(0, attemptsWithin(Duration.ofSeconds(5)), "the grown backoff applies again");
        assertEquals(1, attemptsWithin(DestinationClient.MAX_BACKOFF));
        links.last().up();
        assertAcceptedByTheLastLink(c.submit(accessRequest()));
    }

    @Test
    void aDemandCapOfZeroKeepsTheFullBackoffAsRadiusDtlsBisAsks() throws Exception {
        DestinationClient c = downWithGrownBackoff(Map.of("reconnect-demand-cap", "0"));
        for (int i = 0; i < 10; i++) {
            Ended.failure(c.submit(accessRequest()));
        }
        assertEquals(0, attemptsWithin(Duration.ofSeconds(5)), "requests do not shorten the backoff");
    }

    @Test
    void theDemandCapTakesUnitsAndIsBoundedTo60Seconds() throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", "1", "address", "127.0.0.1", "tls-certificate", "client"));
        assertEquals(Duration.ofMillis(500), DestinationSettings.parse(p).reconnectDemandCap, "default 0.5 s");
        p.put("reconnect-demand-cap", "2s");
        assertEquals(Duration.ofSeconds(2), DestinationSettings.parse(p).reconnectDemandCap);
        p.put("reconnect-demand-cap", "61s");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.radsec.common.InvalidConfigurationException.class,
                () -> DestinationSettings.parse(p));
        assertTrue(refused.getMessage().contains("reconnect-demand-cap"), refused.getMessage());
    }

    /** The last link answers the first request it carried with an Access-Accept, and {@code request} gets it. */
    private void assertAcceptedByTheLastLink(CompletableFuture<RadiusPacket> request) throws Exception {
        links.last().deliver(answer(links.last().sent.get(0), PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(PacketCode.ACCESS_ACCEPT, request.get().code());
    }

    @Test
    void aServerClosingAnIdleWorkingLinkIsNoOutageANewLinkOpensAtOnceAndRequestsWait() throws Exception {
        // Stock FreeRADIUS closes a RadSec connection after 30 s idle (limit { idle_timeout = 30 }).
        DestinationClient c = upClient(Map.of());
        CompletableFuture<RadiusPacket> first = c.submit(accessRequest());
        assertAcceptedByTheLastLink(first);
        int opened = links.opened.size();

        links.last().close("closed by the server");
        assertEquals(opened + 1, links.opened.size(), "reconnecting at once, no backoff");
        assertEquals(DestinationStatistics.State.UP, c.statistics().state(), "not down");
        CompletableFuture<RadiusPacket> next = c.submit(accessRequest());
        assertFalse(next.isDone(), "it waits for the new link instead of failing");
        links.last().up();
        assertAcceptedByTheLastLink(next);
    }

    @Test
    void aLinkClosedRightAfterItsHandshakeIsAnOutageWithBackoffNotAReconnectLoop() throws Exception {
        // TLS 1.3: a server that refuses our certificate closes only after our handshake completed.
        DestinationClient c = upClient(Map.of());
        links.last().close("closed by the server");
        assertEquals(DestinationStatistics.State.DOWN, c.statistics().state());
        int opened = links.opened.size();
        timer.advance(java.time.Duration.ofMillis(499));
        assertEquals(opened, links.opened.size(), "no new attempt before the backoff");
    }

    @Test
    void udpRetransmitsWithRfc5080BackoffThenTimesOut() throws Exception {
        links.retransmits = RetransmitPolicy.RFC_5080;
        DestinationClient c = client(Map.of("protocol", "udp", "secret", "a-udp-secret-long", "timeout", "2",
                "retries", "2"));
        links.last().up();
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
        timer.advance(Duration.ofSeconds(2));
        assertEquals(2, links.last().sent.size());
        assertTrue(java.util.Arrays.equals(links.last().sent.get(0), links.last().sent.get(1)), "the same bytes");
        timer.advance(Duration.ofMillis(3500)); // RT ~ 4 s (2 * 2 s +- 10 %): not yet
        assertEquals(2, links.last().sent.size());
        timer.advance(Duration.ofMillis(1000));
        assertEquals(3, links.last().sent.size());
        timer.advance(Duration.ofSeconds(9));
        assertInstanceOf(RequestTimeoutException.class, Ended.failure(f));
        assertEquals(2, c.statistics().resends());
        assertEquals(1, c.statistics().timeouts());
    }

    @Test
    void closingTheDestinationFailsEverythingWaiting() throws Exception {
        DestinationClient c = client(Map.of());
        CompletableFuture<RadiusPacket> waiting = c.submit(accessRequest());
        c.close("was removed");
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(waiting));
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(c.submit(accessRequest())));
    }

    @Test
    void aQuietLinkIsProbedWithStatusServerAndClosedWhenItStaysSilent() throws Exception {
        DestinationClient c = client(Map.of("status-server", "30", "timeout", "5"));
        FakeLinks.FakeLink link = links.last();
        link.up();
        timer.advance(Duration.ofSeconds(30));
        assertEquals(1, link.sent.size());
        assertEquals(PacketCode.STATUS_SERVER.code(), link.sent.get(0)[0] & 0xFF);
        link.deliver(answer(link.sent.get(0), PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(0, c.statistics().requests(), "probes are not counted as requests");
        timer.advance(Duration.ofSeconds(30));
        assertEquals(2, link.sent.size(), "probed again after another quiet interval");
        timer.advance(Duration.ofSeconds(5));
        assertTrue(link.closed, "no answer: the link is closed");
        assertEquals(DestinationStatistics.State.DOWN, c.statistics().state());
    }

    @Test
    void anIdleLinkIsClosedAndReopenedByTheNextRequest() throws Exception {
        DestinationClient c = client(Map.of("idle-timeout", "60", "status-server", "0"));
        FakeLinks.FakeLink first = links.last();
        first.up();
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
        timer.advance(Duration.ofSeconds(2));
        first.deliver(answer(first.sent.get(0), PacketCode.ACCESS_ACCEPT, SECRET));
        f.get();
        timer.advance(Duration.ofSeconds(59));
        assertFalse(first.closed, "60 s after the last answer, not before");
        timer.advance(Duration.ofSeconds(1));
        assertTrue(first.closed);
        assertEquals(DestinationStatistics.State.IDLE, c.statistics().state());
        CompletableFuture<RadiusPacket> g = c.submit(accessRequest());
        assertEquals(2, links.opened.size(), "the next request opens a new link");
        links.last().up();
        assertAcceptedByTheLastLink(g);
    }

    @Test
    void answeredIdentifiersAreReusableAtOnce() throws Exception {
        DestinationClient c = upClient(Map.of());
        for (int i = 0; i < 3000; i++) {
            CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
            List<byte[]> sent = links.last().sent;
            links.last().deliver(answer(sent.get(sent.size() - 1), PacketCode.ACCESS_ACCEPT, SECRET));
            assertEquals(PacketCode.ACCESS_ACCEPT, f.get().code());
        }
        assertEquals(1, links.opened.size(), "one link carried them all");
    }

    @Test
    void aRequestThatCannotBeSentWithinItsTimeoutEndsAsUnavailableSoItCanFailOver() throws Exception {
        DestinationClient c = client(Map.of("timeout", "5"));
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest()); // the link never comes up
        timer.advance(Duration.ofMillis(4999));
        assertFalse(f.isDone());
        timer.advance(Duration.ofMillis(1));
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(f));
        assertEquals(0, c.statistics().pending());
        assertEquals(0, c.statistics().timeouts(), "never sent, so not a timeout");
    }

    @Test
    void aLinkThatFailsWhileItIsOpenedIsNotLost() throws Exception {
        links.failOnOpen = "connection refused";
        DestinationClient c = client(Map.of());
        assertEquals(DestinationStatistics.State.DOWN, c.statistics().state(), "the failure was seen");
        timer.advance(Duration.ofSeconds(1));
        assertEquals(2, links.opened.size(), "and a reconnect scheduled within the first backoff (0.5-1 s)");
        links.failOnOpen = null;
        timer.advance(DestinationClient.MAX_BACKOFF);
        links.last().up();
        assertEquals(DestinationStatistics.State.UP, c.statistics().state());
    }

    @Test
    void maxOutstandingHoldsRequestsInTheQueueUntilAnswersFreeRoom() throws Exception {
        DestinationClient c = upClient(Map.of("max-outstanding", "2", "max-tx-buffers", "32"));
        List<CompletableFuture<RadiusPacket>> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(c.submit(accessRequest()));
        }
        assertEquals(2, links.last().sent.size(), "two in flight, one waiting");
        links.last().deliver(answer(links.last().sent.get(0), PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(3, links.last().sent.size(), "an answer frees room for the next");
        assertEquals(PacketCode.ACCESS_ACCEPT, all.get(0).get().code());
    }

    @Test
    void aLinkThatComesUpAndDropsBeforeAnyAnswerKeepsTheBackoffGrowing() throws Exception {
        DestinationClient c = client(Map.of("status-server", "0"));
        // The server accepts the handshake and then drops us, as FreeRADIUS does with a refused TLS 1.3 client.
        int attempts = 0;
        Duration elapsed = Duration.ZERO;
        while (elapsed.compareTo(Duration.ofSeconds(120)) < 0) {
            FakeLinks.FakeLink l = links.last();
            if (!l.closed) {
                l.up();
                l.close("connection closed");
                attempts++;
            }
            timer.advance(Duration.ofMillis(100));
            elapsed = elapsed.plusMillis(100);
        }
        // A ceiling doubling from 0.5 s to 60 s, with full jitter, makes about 10 attempts in 120 s (rarely more
        // than 15); resetting the backoff on every handshake would make about 160.
        assertTrue(attempts >= 3 && attempts <= 40, attempts + " attempts");
    }

    @Test
    void aCoaFromTheServerIsAnsweredWithANakNotDropped() throws Exception {
        DestinationClient c = upClient(Map.of());
        for (PacketCode code : new PacketCode[] {PacketCode.COA_REQUEST, PacketCode.DISCONNECT_REQUEST}) {
            byte[] coa = CODEC.encodeRequest(RadiusPacket.builder(code, DICT).identifier(77)
                    .add("User-Name", "alice").build(), SECRET);
            int before = links.last().sent.size();
            links.last().deliver(coa);
            assertEquals(before + 1, links.last().sent.size(), "answered over the same connection");
            byte[] answer = links.last().sent.get(before);
            RadiusPacket nak = CODEC.decodeResponse(answer, coa, SECRET);
            assertEquals(code == PacketCode.COA_REQUEST ? PacketCode.COA_NAK : PacketCode.DISCONNECT_NAK, nak.code());
            assertEquals(502, nak.first("Error-Cause").orElseThrow().asInt(), "Request Not Routable");
        }
        assertEquals(0, c.statistics().badReplies());
    }

    /** The first link of {@link #withOneRequestInFlight}, and the request it carries. */
    private FakeLinks.FakeLink firstLink;
    private CompletableFuture<RadiusPacket> firstRequest;

    /** A destination whose first link is up and carries one request: {@link #firstLink}, {@link #firstRequest}. */
    private DestinationClient withOneRequestInFlight(Map<String, Object> extra) throws Exception {
        DestinationClient c = upClient(extra);
        firstLink = links.last();
        firstRequest = c.submit(accessRequest());
        return c;
    }

    @Test
    void reconnectDrainsTheOldLinkWhileNewRequestsTakeTheNewOne() throws Exception {
        DestinationClient c = withOneRequestInFlight(Map.of());
        c.reconnect("test");
        FakeLinks.FakeLink fresh = links.last();
        assertNotEquals(firstLink, fresh);
        assertFalse(firstLink.closed, "the old link still carries a request");
        fresh.up();
        CompletableFuture<RadiusPacket> after = c.submit(accessRequest());
        assertEquals(1, firstLink.sent.size(), "nothing new goes to a draining link");
        assertEquals(1, fresh.sent.size());
        firstLink.deliver(answer(firstLink.sent.get(0), PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(PacketCode.ACCESS_ACCEPT, firstRequest.get().code());
        assertTrue(firstLink.closed, "drained, then closed");
        fresh.deliver(answer(fresh.sent.get(0), PacketCode.ACCESS_REJECT, SECRET));
        assertEquals(PacketCode.ACCESS_REJECT, after.get().code());
        assertEquals(DestinationStatistics.State.UP, c.statistics().state());
    }

    @Test
    void aDrainingLinkClosesWhenItsLastRequestTimesOutCounted() throws Exception {
        DestinationClient c = withOneRequestInFlight(Map.of("timeout", "5"));
        c.reconnect("test");
        timer.advance(Duration.ofSeconds(6));
        assertInstanceOf(RequestTimeoutException.class, Ended.failure(firstRequest));
        assertTrue(firstLink.closed);
        assertEquals(1, c.statistics().timeouts());
    }

    @Test
    void anUpdateThatNeedsNoNewConnectionAppliesAtOnceOnTheSameLink() throws Exception {
        DestinationClient c = upClient(Map.of("timeout", "30"));
        c.update(DestinationSettings.parse(Map.of("id", "1", "address", "127.0.0.1", "tls-certificate", "client",
                "timeout", "5")));
        CompletableFuture<RadiusPacket> f = c.submit(accessRequest());
        assertEquals(1, links.opened.size(), "no new link");
        timer.advance(Duration.ofSeconds(6));
        assertInstanceOf(RequestTimeoutException.class, Ended.failure(f), "the new 5 s timeout, not the old 30 s");
    }

    @Test
    void aRetiredDestinationHandsItsQueueOverAndFinishesWhatIsInFlight() throws Exception {
        DestinationClient c = withOneRequestInFlight(Map.of("max-outstanding", "1"));
        CompletableFuture<RadiusPacket> queued = c.submit(accessRequest());
        assertEquals(1, firstLink.sent.size(), "the second waits: max-outstanding 1");
        DestinationClient next = client(Map.of());
        FakeLinks.FakeLink fresh = links.last();
        fresh.up();
        boolean[] drained = new boolean[1];
        c.retire(next, () -> drained[0] = true);
        assertEquals(1, fresh.sent.size(), "the queued request went to the new destination");
        fresh.deliver(answer(fresh.sent.get(0), PacketCode.ACCESS_ACCEPT, SECRET));
        assertEquals(PacketCode.ACCESS_ACCEPT, queued.get().code());
        assertFalse(drained[0]);
        firstLink.deliver(answer(firstLink.sent.get(0), PacketCode.ACCESS_REJECT, SECRET));
        assertEquals(PacketCode.ACCESS_REJECT, firstRequest.get().code());
        assertTrue(firstLink.closed);
        assertTrue(drained[0], "the old links are released once drained");
    }
}
