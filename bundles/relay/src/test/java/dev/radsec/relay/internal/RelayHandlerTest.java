package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.RadiusClient;
import dev.radsec.transport.RequestContext;
import dev.radsec.transport.UdpServer;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** What the relay hands the transport for a NAS request: the route, the request as forwarded, and the service. */
class RelayHandlerTest {
    private static final Dictionary DICT = Dictionary.standard();

    /** A client that records what it is asked to send and answers Access-Accept. */
    static class Recording implements RadiusClient {
        final List<List<Integer>> routes = new ArrayList<>();
        final List<RadiusPacket> sent = new ArrayList<>();
        final List<Service> services = new ArrayList<>();
        /** What {@link #statistics} reports per destination id; an id not here is not configured. */
        final Map<Integer, DestinationStatistics.State> states = new HashMap<>();

        @Override
        public CompletionStage<RadiusPacket> send(List<Integer> ids, RadiusPacket request, Service service) {
            routes.add(ids);
            sent.add(request);
            services.add(service);
            return CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).build());
        }

        @Override
        public CompletionStage<RadiusPacket> send(List<Integer> ids, RadiusPacket request) {
            return send(ids, request, null);
        }

        @Override
        public CompletionStage<RadiusPacket> send(int id, RadiusPacket request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<RadiusPacket> send(UdpServer server, RadiusPacket request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DestinationStatistics> statistics(int id) {
            DestinationStatistics.State state = states.get(id);
            return state == null ? Optional.empty() : Optional.of(new DestinationStatistics(id, state, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }

        @Override
        public List<Integer> destinations() {
            return List.of();
        }

        @Override
        public Optional<Map<String, String>> configuration(int id) {
            return Optional.empty();
        }

        @Override
        public boolean resetStatistics(int id) {
            return false;
        }

        @Override
        public boolean reconnect(int id) {
            return false;
        }

        @Override
        public void validateDestination(Map<String, ?> properties) {
        }
    }

    static final RequestContext NAS = new RequestContext() {
        @Override
        public String listener() {
            return "relay-test-auth";
        }

        @Override
        public InetSocketAddress remote() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public String clientNetwork() {
            return "127.0.0.1/32";
        }

        @Override
        public Optional<X509Certificate[]> peerCertificates() {
            return Optional.empty();
        }
    };

    private final Recording client = new Recording();

    private RelayHandler relay(String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("secret", "nas-secret", "destinations", "9"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return new RelayHandler(new RelaySettings(p), client);
    }

    private static RadiusPacket pap(String user) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).identifier(3).add("User-Name", user)
                .add("User-Password", "pw").add("Called-Station-Id", "00-11-22-33-44-55:corp").build();
    }

    @Test
    void theRelaySendsForTheRelayServiceAlongItsRoute() throws Exception {
        relay("destinations", "3, 1, 2").handle(NAS, pap("alice"), false);
        assertEquals(List.of(RadiusClient.Service.RELAY), client.services);
        assertEquals(List.of(List.of(3, 1, 2)), client.routes, "the list as configured: service only filters it");
    }

    @Test
    void realmAppendRewritesTheForwardedNameButNotTheRoute() throws Exception {
        RelayHandler relay = relay("realm", "example.org", "realm-append", "true",
                "realms", "example.org=2, *=7");
        RadiusPacket request = pap("alice");
        relay.handle(NAS, request, false);
        relay.handle(NAS, pap("bob@other.net"), false);
        assertEquals("alice@example.org", client.sent.get(0).first("User-Name").orElseThrow().asString());
        assertEquals("pw", client.sent.get(0).first("User-Password").orElseThrow().asString(), "the rest as it came");
        assertEquals("00-11-22-33-44-55:corp", client.sent.get(0).first("Called-Station-Id").orElseThrow().asString());
        assertEquals("bob@other.net", client.sent.get(1).first("User-Name").orElseThrow().asString());
        assertEquals(List.of(List.of(2), List.of(7)), client.routes, "routed by the default realm and by its own");
        assertEquals("alice", request.first("User-Name").orElseThrow().asString(), "the NAS's packet is unchanged");
    }

    @Test
    void withoutRealmAppendTheNameGoesAsItCameAndTheDefaultRealmStillRoutes() throws Exception {
        RelayHandler relay = relay("realm", "example.org", "realms", "example.org=2, *=7");
        RadiusPacket request = pap("alice");
        relay.handle(NAS, request, false);
        assertTrue(client.sent.get(0) == request, "not rebuilt");
        assertEquals(List.of(List.of(2)), client.routes);
    }

    @Test
    void accountingIsAppendedTooAndChapKeepsItsChallenge() throws Exception {
        RelayHandler relay = relay("realm", "example.org", "realm-append", "true");
        relay.handle(NAS, RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).identifier(4)
                .add("User-Name", "alice").add("Acct-Status-Type", "Start").build(), true);
        RadiusPacket chap = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).identifier(5)
                .authenticator(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
                .add("User-Name", "carol").add("CHAP-Password", new byte[17]).build();
        relay.handle(NAS, chap, false);
        assertEquals("alice@example.org", client.sent.get(0).first("User-Name").orElseThrow().asString());
        assertEquals("carol@example.org", client.sent.get(1).first("User-Name").orElseThrow().asString());
        assertEquals(java.util.Arrays.toString(chap.authenticator()),
                java.util.Arrays.toString(client.sent.get(1).first("CHAP-Challenge").orElseThrow().bytes()),
                "the NAS's authenticator travels as CHAP-Challenge");
    }
}
