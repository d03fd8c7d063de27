package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.RadiusDictionary;
import dev.radsec.transport.RadiusRequestHandler;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The server side's checks, one datagram at a time, with no socket: what is answered, what is counted and dropped. */
class RequestDispatcherTest {
    private static final PacketCodec CODEC = new PacketCodec(Dictionary.standard());
    private static final SharedSecret NAS = SharedSecret.of("nas-secret-1");
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 40000);

    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-12-02T00:00:00Z"));
    private final AtomicInteger handled = new AtomicInteger();
    private final List<byte[]> replies = new ArrayList<>();
    private RadiusRequestHandler handler = (context, request) -> {
        handled.incrementAndGet();
        return CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, request.dictionary())
                .add("Reply-Message", "hello " + context.clientNetwork()).build());
    };

    private RequestDispatcher dispatcher(String... kv) throws Exception {
        Map<String, Object> p = new java.util.HashMap<>(Map.of("name", "test", "protocol", "udp",
                "clients", "127.0.0.1/32 nas-secret-1"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new RequestDispatcher(ListenerSettings.parse(p), RadiusDictionary.of(Dictionary.standard()), timer,
                name -> handler);
    }

    private static byte[] accessRequest(int id) {
        return CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard()).identifier(id)
                .add("User-Name", "alice").add("User-Password", "pw").build(), NAS);
    }

    private void receive(RequestDispatcher d, byte[] packet, InetSocketAddress from) {
        d.received(packet, from, null, true, replies::add);
    }

    @Test
    void aVerifiedRequestIsAnsweredSignedForItsClient() throws Exception {
        RequestDispatcher d = dispatcher();
        byte[] request = accessRequest(7);
        receive(d, request, FROM);
        assertEquals(1, replies.size());
        RadiusPacket answer = CODEC.decodeResponse(replies.get(0), 0, replies.get(0).length, request, NAS,
                MessageAuthenticatorPolicy.REQUIRE);
        assertEquals(7, answer.identifier());
        assertEquals("hello 127.0.0.1/32", answer.first("Reply-Message").orElseThrow().asString());
        assertEquals(1, d.counters.requests.sum());
        assertEquals(1, d.counters.responses.sum());
    }

    @Test
    void aRetransmissionIsAnsweredFromTheCacheWithoutAskingTheHandlerAgain() throws Exception {
        RequestDispatcher d = dispatcher();
        byte[] request = accessRequest(9);
        receive(d, request, FROM);
        receive(d, request, FROM);
        assertEquals(1, handled.get());
        assertEquals(2, replies.size());
        assertTrue(java.util.Arrays.equals(replies.get(0), replies.get(1)), "the same answer");
        assertEquals(1, d.counters.duplicates.sum());
    }

    @Test
    void strangersForgeriesAndFragmentsAreCountedUnderTheirNetworkAndDropped() throws Exception {
        RequestDispatcher d = dispatcher();
        receive(d, accessRequest(1), new InetSocketAddress("127.0.0.2", 40000));
        byte[] forged = CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, Dictionary.standard())
                .add("User-Name", "mallory").build(), SharedSecret.of("not-the-secret"));
        receive(d, forged, FROM);
        receive(d, new byte[] {1, 2, 3}, FROM);
        assertEquals(0, handled.get());
        assertEquals(0, replies.size());
        assertEquals(1, d.counters.unknownClients.sum());
        assertEquals(1, d.networks.get("unknown").unknownClients.sum());
        assertEquals(1, d.networks.get("127.0.0.1/32").badAuthenticators.sum());
        assertEquals(1, d.networks.get("127.0.0.1/32").malformed.sum());
    }

    @Test
    void aHandlerThatFailsOrDoesNotAnswerIsCountedAndTheRetransmissionAsksAgain() throws Exception {
        handler = (context, request) -> {
            handled.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("broken handler"));
        };
        RequestDispatcher d = dispatcher();
        byte[] request = accessRequest(3);
        receive(d, request, FROM);
        receive(d, request, FROM);
        assertEquals(2, handled.get(), "nothing was cached for it");
        assertEquals(2, d.counters.dropped.sum());
        assertEquals(0, replies.size());
    }

    @Test
    void withAutoANetworkThatSignedOnceMustSignFromThenOn() throws Exception {
        RequestDispatcher d = dispatcher();
        // A request without Message-Authenticator is an old NAS's: taken under auto.
        RadiusPacket unsigned = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, Dictionary.standard())
                .add("Acct-Status-Type", "Start").add("User-Name", "alice").build();
        receive(d, CODEC.encodeRequest(unsigned, NAS), FROM);
        receive(d, accessRequest(5), FROM); // signed: the network is held to it from now on
        byte[] stripped = withoutMessageAuthenticator(accessRequest(6));
        receive(d, stripped, FROM);
        assertEquals(2, handled.get());
        assertEquals(1, d.networks.get("127.0.0.1/32").badAuthenticators.sum());
    }

    /** The Access-Request as an unhardened NAS sends it: the Message-Authenticator the codec put first removed. */
    private static byte[] withoutMessageAuthenticator(byte[] signed) {
        byte[] out = new byte[signed.length - 18];
        System.arraycopy(signed, 0, out, 0, 20);
        System.arraycopy(signed, 38, out, 20, signed.length - 38);
        out[2] = (byte) (out.length >> 8);
        out[3] = (byte) out.length;
        return out;
    }
}
