package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.DestinationStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RelayStatistics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay with an accounting spool, in front of destinations the test takes down and brings back: the NAS is
 * answered once a request is stored, requests behind stored ones are not sent past them, a destination coming up
 * sends them on, and the counters reach the relay's statistics.
 */
class RelayAccountingSpoolTest {
    private static final Dictionary DICT = Dictionary.standard();

    @TempDir
    Path dir;
    private final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-11-02T10:00:00Z"));

    /** A client whose destinations all answer, or none. */
    static final class Destinations extends RelayHandlerTest.Recording {
        boolean up;

        @Override
        public CompletionStage<RadiusPacket> send(List<Integer> ids, RadiusPacket request, Service service) {
            routes.add(ids);
            sent.add(request);
            services.add(service);
            return up ? CompletableFuture.completedFuture(RadiusPacket.builder(PacketCode.ACCOUNTING_RESPONSE, DICT)
                    .build()) : CompletableFuture.failedFuture(new DestinationUnavailableException(ids.get(0), "down"));
        }
    }

    private final Destinations client = new Destinations();
    private final RelayRegistry registry = new RelayRegistry();

    private RelayHandler relay(AccountingSpools spools, String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("name", "acct", "secret", "nas-secret", "destinations", "1, 2"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        RelayHandler relay = new RelayHandler(new RelaySettings(p), client, registry.states(), spools);
        spools.forwarder(relay::replay);
        registry.add(relay);
        return relay;
    }

    private static RadiusPacket accounting(String session) {
        return AccountingSpoolTest.accounting(session, "Start", 1_790_000_000L);
    }

    private static RadiusPacket answer(RelayHandler relay, RadiusPacket request) {
        return relay.handle(RelayHandlerTest.NAS, request, true).toCompletableFuture().getNow(null);
    }

    private List<String> sentSessions() {
        return client.sent.stream().map(p -> p.first("Acct-Session-Id").map(a -> a.asString()).orElse("-")).toList();
    }

    @Test
    void withEveryDestinationDownTheNasIsAnsweredOnceStoredAndTheRequestGoesOnWhenOneIsUp() throws Exception {
        try (AccountingSpools spools = new AccountingSpools("acct", dir.resolve("acct"), 1 << 20, clock, () -> DICT)) {
            RelayHandler relay = relay(spools);
            RadiusPacket response = answer(relay, accounting("s1"));
            assertEquals(PacketCode.ACCOUNTING_RESPONSE, response.code(), "answered: it is on disk");
            assertArrayEquals(new byte[] {1, 2, 3}, response.first("Proxy-State").orElseThrow().bytes(),
                    "Proxy-State comes back (RFC 2866 5.1)");
            assertEquals(List.of("s1", "s1"), sentSessions(), "tried live, then once from the spool");
            assertEquals(List.of(1, 2), client.routes.get(1), "the spool sends along the relay's route");

            client.sent.clear();
            assertEquals(PacketCode.ACCOUNTING_RESPONSE, answer(relay, accounting("s2")).code());
            assertEquals(List.of(), sentSessions(), "behind s1: stored, not sent past it (the replay is paused)");
            assertEquals(2, registry.relay("acct").orElseThrow().accountingSpool().records());

            client.up = true;
            registry.stateChanged(2, DestinationStatistics.State.DOWN, DestinationStatistics.State.UP, "back");
            assertEquals(List.of("s1", "s2"), sentSessions(), "sent on in order as soon as a destination is up");
            RelayStatistics st = registry.relay("acct").orElseThrow();
            assertEquals(0, st.accountingSpool().records());
            assertEquals(2, st.accountingSpool().spooled());
            assertEquals(2, st.accountingSpool().replayed());
            assertEquals(1, relay.network("127.0.0.1/32").noDestination.sum(), "s1's live attempt found no destination");

            client.sent.clear();
            assertEquals(PacketCode.ACCOUNTING_RESPONSE, answer(relay, accounting("s3")).code());
            assertEquals(List.of("s3"), sentSessions(), "an empty spool: live again");
            assertEquals(2, registry.relay("acct").orElseThrow().accountingSpool().spooled());
        }
    }

    @Test
    void aFullSpoolLeavesTheNasUnansweredAsWithoutOneAndAccessRequestsAreNeverSpooled() throws Exception {
        try (AccountingSpools spools = new AccountingSpools("acct", dir.resolve("acct"), 0, clock, () -> DICT)) {
            RelayHandler relay = relay(spools, "accounting-spool-max", "0");
            assertNull(answer(relay, accounting("s1")), "spool off: no answer, the NAS keeps it");
            assertEquals(0, registry.relay("acct").orElseThrow().accountingSpool().spooled());
        }
        try (AccountingSpools spools = new AccountingSpools("acct", dir.resolve("acct2"), 100, clock, () -> DICT)) {
            RelayHandler relay = relay(spools);
            assertNull(answer(relay, accounting("s1")), "too small for one record: full, no answer");
            assertEquals(1, registry.relay("acct").orElseThrow().accountingSpool().full());
            RadiusPacket login = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "alice")
                    .add("User-Password", "pw").build();
            assertNull(answer(relay, login), "an Access-Request without an answer stays without one");
            assertEquals(1, registry.relay("acct").orElseThrow().accountingSpool().full());
        }
    }

    @Test
    void withoutASpoolTheRelayReportsItOff() throws Exception {
        RelayHandler relay = new RelayHandler(new RelaySettings(Map.of("name", "plain", "secret", "s",
                "destinations", "1")), client, registry.states());
        registry.add(relay);
        assertNull(answer(relay, accounting("s1")));
        assertEquals(dev.radsec.transport.AccountingSpoolStatistics.OFF,
                registry.relay("plain").orElseThrow().accountingSpool());
    }

    @Test
    void theLimitIsAKeyInMebibytesFromZeroToOneTebibyte() throws Exception {
        assertEquals(64, new RelaySettings(Map.of("secret", "s", "destinations", "1")).accountingSpoolMax);
        assertEquals(0, new RelaySettings(Map.of("secret", "s", "destinations", "1", "accounting-spool-max", "0"))
                .accountingSpoolMax);
        for (String bad : new String[] {"-1", "1048577", "lots"}) {
            dev.radsec.common.InvalidConfigurationException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.radsec.common.InvalidConfigurationException.class, () -> new RelayConfigurationValidator(
                            new dev.radsec.transport.internal.RadiusServerService(null)).validate(Map.of("secret", "s",
                            "destinations", "1", "accounting-spool-max", bad)));
            assertEquals("accounting-spool-max", e.key(), e.getMessage());
        }
    }
}
