package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RadiusDictionary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where a relay applies rewrites: its rewrite-in to requests from the NAS, its realm's rewrites, each destination's
 * rewrite-out and rewrite-in (through the transport's {@code Rewrites}, as the transport calls it), and its
 * rewrite-out to answers for the NAS; a rewrite named but not configured drops the packet.
 */
class RelayRewriteTest {
    private static final Dictionary DICT = Dictionary.standard();

    /**
     * A transport as {@code RadiusClient} specifies it: tries the destinations in order, each one's rewrite-out
     * making the request it gets (null: the next one), its rewrite-in the answer; the server answers Access-Accept
     * with the VLAN of a home network.
     */
    static final class Transport extends RelayHandlerTest.Recording {
        final Map<Integer, List<String>> rewriteOut = new HashMap<>();
        final Map<Integer, List<String>> rewriteIn = new HashMap<>();
        final List<String> received = new ArrayList<>();

        @Override
        public CompletionStage<RadiusPacket> send(List<Integer> ids, RadiusPacket request, Service service,
                                                  Rewrites rewrites) {
            routes.add(ids);
            for (int id : ids) {
                RadiusPacket out = rewriteOut.containsKey(id) ? rewrites.request(id, rewriteOut.get(id), request)
                        : request;
                if (out == null) {
                    continue;
                }
                sent.add(out);
                received.add(id + ": " + RewriteTest.shown(out));
                RadiusPacket answer = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).add("Tunnel-Type", 1, "VLAN")
                        .add("Tunnel-Private-Group-Id", 1, "100").add("Reply-Message", "from " + id).build();
                RadiusPacket in = rewriteIn.containsKey(id) ? rewrites.response(id, rewriteIn.get(id), answer) : answer;
                return in != null ? CompletableFuture.completedFuture(in) : CompletableFuture.failedFuture(
                        new DestinationUnavailableException(id, "dropped"));
            }
            return CompletableFuture.failedFuture(new DestinationUnavailableException(ids.get(0), "none"));
        }
    }

    private final Transport transport = new Transport();
    private final RewriteRegistry rewrites = new RewriteRegistry();

    private void rewrite(String name, String... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", "dev.radsec.rewrite~" + name));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        new RewriteConfiguration(rewrites, RadiusDictionary.of(DICT)).apply(p);
    }

    private RelayHandler relay(String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("secret", "nas-secret", "destinations", "9"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new RelayHandler(new RelaySettings(p), transport, new DestinationStates(), null, rewrites);
    }

    private static RadiusPacket pap(String user) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).identifier(3).add("User-Name", user)
                .add("User-Password", "pw").build();
    }

    private static RadiusPacket answer(CompletionStage<RadiusPacket> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void rewriteInComesBeforeRoutingAndRewriteOutLastOnTheAnswer() throws Exception {
        rewrite("local", "modify", "User-Name = /^(.*)@local$/$1@example.org/");
        rewrite("no-vlan", "remove", "Tunnel-Type, Tunnel-Private-Group-Id");
        RelayHandler relay = relay("rewrite-in", "local", "rewrite-out", "no-vlan", "realms", "example.org=2, *=1");
        RadiusPacket a = answer(relay.handle(RelayHandlerTest.NAS, pap("alice@local"), false));
        assertEquals(List.of(List.of(2)), transport.routes, "routed by the name rewrite-in made");
        assertEquals("alice@example.org", transport.sent.get(0).first("User-Name").orElseThrow().asString());
        assertEquals(List.of("Reply-Message = from 2"), RewriteTest.shown(a));
        assertEquals(1, rewrites.rewrite("local").orElseThrow().modified());
        assertEquals(2, rewrites.rewrite("no-vlan").orElseThrow().removed());
        assertEquals(1, rewrites.rewrite("no-vlan").orElseThrow().touched());
    }

    @Test
    void aRealmsRewritesApplyToItsRequestsAndTheirAnswers() throws Exception {
        rewrite("eduroam-visited", "remove", "reply:Tunnel-Type, reply:Tunnel-Medium-Type, reply:Tunnel-Private-Group-Id",
                "supplement", "request:Operator-Name = 1visited.example");
        rewrite("tag", "add", "Class = local");
        RelayHandler relay = relay("realm-rewrites", "visited.example=tag, *=eduroam-visited", "realm",
                "visited.example");

        RadiusPacket roaming = answer(relay.handle(RelayHandlerTest.NAS, pap("bob@home.example"), false));
        assertEquals("1visited.example", transport.sent.get(0).first("Operator-Name").orElseThrow().asString());
        assertEquals(List.of("Reply-Message = from 9"), RewriteTest.shown(roaming), "no VLAN from the home server");

        RadiusPacket own = answer(relay.handle(RelayHandlerTest.NAS, pap("carol"), false));
        assertTrue(transport.sent.get(1).first("Operator-Name").isEmpty(), "the default realm: its own rewrite");
        assertEquals(List.of("Tunnel-Type:1 = VLAN", "Tunnel-Private-Group-Id:1 = 100", "Reply-Message = from 9",
                "Class = 0x6c6f63616c"), RewriteTest.shown(own), "its own users keep their VLAN");
    }

    @Test
    void eachDestinationGetsItsOwnRewriteOutAndItsAnswerItsRewriteIn() throws Exception {
        rewrite("to-7", "set", "NAS-Identifier = relay-for-7");
        rewrite("from-7", "remove", "reply:Tunnel-Type", "add", "reply:Reply-Message = checked");
        transport.rewriteOut.put(6, List.of("not-configured"));
        transport.rewriteOut.put(7, List.of("to-7"));
        transport.rewriteIn.put(7, List.of("from-7"));
        RelayHandler relay = relay("destinations", "6, 7, 8");
        RadiusPacket a = answer(relay.handle(RelayHandlerTest.NAS, pap("alice"), false));
        assertEquals(List.of("7: [User-Name = alice, User-Password = <hidden>, NAS-Identifier = relay-for-7]"),
                transport.received, "6 cannot take it without its rewrite: the list moved on");
        assertEquals(List.of("Tunnel-Private-Group-Id:1 = 100", "Reply-Message = from 7", "Reply-Message = checked"),
                RewriteTest.shown(a));
    }

    @Test
    void aRewriteNamedButNotConfiguredDropsThePacketUntilItIs() throws Exception {
        RelayHandler relay = relay("rewrite-in", "later");
        assertNull(answer(relay.handle(RelayHandlerTest.NAS, pap("alice"), false)));
        assertEquals(List.of(), transport.sent, "nothing leaves without its policy");
        rewrite("later", "add", "Class = x");
        answer(relay.handle(RelayHandlerTest.NAS, pap("alice"), false));
        assertEquals(1, transport.sent.size());
        assertTrue(transport.sent.get(0).first("Class").isPresent());

        RelayHandler out = relay("rewrite-out", "gone");
        assertNull(answer(out.handle(RelayHandlerTest.NAS, pap("bob"), false)), "the answer is dropped");
    }

    @Test
    void aRelayWithoutRewritesForwardsTheRequestAsItCame() throws Exception {
        RadiusPacket request = pap("alice");
        answer(relay().handle(RelayHandlerTest.NAS, request, false));
        assertSame(request, transport.sent.get(0));
    }

    @Test
    void chapStillWorksThroughARewriteIn() throws Exception {
        rewrite("op", "supplement", "Operator-Name = 1example.org");
        PacketCodec codec = new PacketCodec(DICT);
        byte[] wire = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "bob")
                .add("CHAP-Password", new byte[17]).build(), SharedSecret.of("nas-secret"));
        RadiusPacket request = codec.decodeRequest(wire, 0, wire.length, SharedSecret.of("nas-secret"),
                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        answer(relay("rewrite-in", "op").handle(RelayHandlerTest.NAS, request, false));
        assertArrayEquals(request.authenticator(), transport.sent.get(0).first("CHAP-Challenge").orElseThrow().bytes(),
                "the NAS's authenticator travels as CHAP-Challenge");
    }

    @Test
    void rewriteNamesAreCheckedForTheirSpelling() {
        assertEquals("realm-rewrites", org.junit.jupiter.api.Assertions.assertThrows(
                dev.radsec.common.InvalidConfigurationException.class, () -> relay("realm-rewrites", "example.org")).key());
        assertEquals("rewrite-in", org.junit.jupiter.api.Assertions.assertThrows(
                dev.radsec.common.InvalidConfigurationException.class, () -> relay("rewrite-in", "a b")).key());
    }
}
