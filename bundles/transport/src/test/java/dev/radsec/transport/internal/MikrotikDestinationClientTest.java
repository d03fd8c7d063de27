package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RequestTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A destination's MikroTik settings in its client, over links the test drives and a clock it moves: disabled,
 * domain, and a timeout in milliseconds.
 */
class MikrotikDestinationClientTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final String UDP_SECRET = "a-udp-secret-long";

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-12-01T00:00:00Z"));
    private final FakeLinks links = new FakeLinks();

    private DestinationClient client(String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("id", "4", "address", "127.0.0.1", "protocol", "udp",
                "secret", UDP_SECRET));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        DestinationClient c = new DestinationClient(DestinationSettings.parse(p), RadiusDictionary.of(DICT), timer,
                links, Runnable::run);
        c.start();
        return c;
    }

    /** An MS-CHAPv2 Access-Request as a NAS sends it (the values need not verify for this test). */
    private static RadiusPacket msChap(String user) {
        byte[] challenge = new byte[16];
        byte[] response = new byte[50];
        for (int i = 0; i < response.length; i++) {
            response[i] = (byte) i;
        }
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", user)
                .add("NAS-Identifier", "nas-1").add("MS-CHAP-Challenge", challenge)
                .add("MS-CHAP2-Response", response).build();
    }

    /** What the server would read from a datagram: verified with the secret, Message-Authenticator required. */
    private static RadiusPacket asTheServerReadsIt(byte[] wire) throws Exception {
        return CODEC.decodeRequest(wire, 0, wire.length, SharedSecret.of(UDP_SECRET), MessageAuthenticatorPolicy.REQUIRE);
    }

    // ---------------------------------------------------------------- disabled

    @Test
    void aDisabledDestinationNeverConnectsAndRefusesRequestsAtOnceCounted() throws Exception {
        DestinationClient c = client("disabled", "true");
        assertEquals(0, links.opened.size(), "no link opened");
        assertEquals(DestinationStatistics.State.DISABLED, c.statistics().state());
        Throwable refused = Ended.failure(c.submit(msChap("alice")));
        assertInstanceOf(DestinationUnavailableException.class, refused);
        assertTrue(refused.getMessage().contains("destination 4 is disabled"), refused.getMessage());
        assertEquals(1, c.statistics().unavailable(), "counted");
        assertEquals(0, c.statistics().requests(), "nothing was sent");
        c.reconnect("requested");
        timer.advance(Duration.ofMinutes(10));
        assertEquals(0, links.opened.size(), "not by a reconnect, not by time");
        assertEquals(DestinationStatistics.State.DISABLED, c.statistics().state());
    }

    @Test
    void anEnabledDestinationConnectsAndItsRefusalsWhileDownAreCountedToo() throws Exception {
        DestinationClient c = client("disabled", "false");
        assertEquals(1, links.opened.size());
        links.last().close("connection refused");
        assertEquals(DestinationStatistics.State.DOWN, c.statistics().state());
        assertInstanceOf(DestinationUnavailableException.class, Ended.failure(c.submit(msChap("alice"))));
        assertEquals(1, c.statistics().unavailable());
        c.resetStatistics();
        assertEquals(0, c.statistics().unavailable());
    }

    // ---------------------------------------------------------------- domain

    @Test
    void anMsChapUserNameGetsTheDomainAndTheMessageAuthenticatorStillVerifies() throws Exception {
        DestinationClient c = client("domain", "EXAMPLE");
        links.last().up();
        RadiusPacket request = msChap("alice");
        c.submit(request);
        RadiusPacket seen = asTheServerReadsIt(links.last().sent.get(0));
        assertEquals("EXAMPLE\\alice", seen.first("User-Name").orElseThrow().asString());
        assertTrue(seen.first("Message-Authenticator").isPresent(), "verified (REQUIRE) over the rewritten packet");
        assertArrayEquals(request.first("MS-CHAP2-Response").orElseThrow().bytes(),
                seen.first("MS-CHAP2-Response").orElseThrow().bytes(), "the rest as it was");
        assertEquals("nas-1", seen.first("NAS-Identifier").orElseThrow().asString());
        assertEquals("alice", request.first("User-Name").orElseThrow().asString(), "the caller's packet is unchanged");
    }

    @Test
    void aRetransmissionCarriesTheSameRewrittenBytes() throws Exception {
        links.retransmits = RetransmitPolicy.RFC_5080;
        DestinationClient c = client("domain", "EXAMPLE", "timeout", "1", "retries", "1");
        links.last().up();
        c.submit(msChap("alice"));
        timer.advance(Duration.ofSeconds(1));
        assertEquals(2, links.last().sent.size());
        assertArrayEquals(links.last().sent.get(0), links.last().sent.get(1));
        assertEquals("EXAMPLE\\alice", asTheServerReadsIt(links.last().sent.get(1)).first("User-Name").orElseThrow()
                .asString());
    }

    @Test
    void aNameWithADomainAlreadyAndRequestsThatAreNotMsChapGoAsTheyAre() throws Exception {
        DestinationClient c = client("domain", "EXAMPLE");
        links.last().up();
        c.submit(msChap("OTHER\\alice"));
        c.submit(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "bob")
                .add("User-Password", "bob-pw").build());
        c.submit(RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).add("User-Name", "carol")
                .add("Acct-Status-Type", "Start").add("MS-CHAP-Challenge", new byte[16]).build());
        assertEquals("OTHER\\alice", asTheServerReadsIt(links.last().sent.get(0)).first("User-Name").orElseThrow()
                .asString());
        assertEquals("bob", asTheServerReadsIt(links.last().sent.get(1)).first("User-Name").orElseThrow().asString());
        byte[] accounting = links.last().sent.get(2);
        assertEquals("carol", CODEC.decodeRequest(accounting, 0, accounting.length, SharedSecret.of(UDP_SECRET),
                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT).first("User-Name").orElseThrow().asString(),
                "only Access-Requests");
    }

    @Test
    void withoutADomainAnMsChapRequestGoesAsItIs() throws Exception {
        DestinationClient c = client();
        links.last().up();
        c.submit(msChap("alice"));
        assertEquals("alice", asTheServerReadsIt(links.last().sent.get(0)).first("User-Name").orElseThrow().asString());
    }

    // ---------------------------------------------------------------- timeout in milliseconds

    @Test
    void aTimeoutOf300MillisecondsIsHonouredOverTls() throws Exception {
        DestinationClient c = client("protocol", "radsec", "tls-certificate", "me", "secret", "radsec",
                "timeout", "300ms", "status-server", "0");
        links.last().up();
        CompletableFuture<RadiusPacket> f = c.submit(msChap("alice"));
        timer.advance(Duration.ofMillis(299));
        assertFalse(f.isDone());
        timer.advance(Duration.ofMillis(1));
        Throwable t = Ended.failure(f);
        assertInstanceOf(RequestTimeoutException.class, t);
        assertTrue(t.getMessage().endsWith("within 300ms"), t.getMessage());
    }

    @Test
    void aTimeoutOf300MillisecondsIsPerTryOverUdp() throws Exception {
        links.retransmits = RetransmitPolicy.RFC_5080;
        DestinationClient c = client("timeout", "300ms", "retries", "0", "status-server", "0");
        links.last().up();
        CompletableFuture<RadiusPacket> f = c.submit(msChap("alice"));
        timer.advance(Duration.ofMillis(299));
        assertFalse(f.isDone());
        timer.advance(Duration.ofMillis(1));
        assertInstanceOf(RequestTimeoutException.class, Ended.failure(f));
        assertEquals(1, c.statistics().timeouts());
    }

    @Test
    void aShorterTimeoutAppliesOnTheOpenConnection() throws Exception {
        DestinationClient c = client("protocol", "radsec", "tls-certificate", "me", "secret", "radsec",
                "status-server", "0");
        links.last().up();
        c.update(DestinationSettings.parse(Map.of("id", "4", "address", "127.0.0.1", "tls-certificate", "me",
                "status-server", "0", "timeout", "150ms")));
        CompletableFuture<RadiusPacket> f = c.submit(msChap("alice"));
        timer.advance(Duration.ofMillis(150));
        assertInstanceOf(RequestTimeoutException.class, Ended.failure(f));
        assertEquals(1, links.opened.size(), "no new connection");
    }
}
