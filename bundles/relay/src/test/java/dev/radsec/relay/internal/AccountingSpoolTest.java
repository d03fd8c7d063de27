package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.common.ManualScheduler;
import dev.radsec.transport.AccountingSpoolStatistics;
import dev.radsec.transport.DestinationUnavailableException;
import dev.radsec.transport.RequestTimeoutException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounting spool of a relay, on a manual clock: what it answers for, what it refuses, in which order and with
 * which Acct-Delay-Time it sends stored requests on, and that it keeps them until answered, across a restart.
 */
class AccountingSpoolTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final Instant START = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;
    private final ManualScheduler clock = new ManualScheduler(START);
    /** What the spools sent, and the answers the test gives. */
    private final List<RadiusPacket> sent = new ArrayList<>();
    private final List<CompletableFuture<RadiusPacket>> answers = new ArrayList<>();

    private CompletionStage<RadiusPacket> forward(RadiusPacket request) {
        sent.add(request);
        CompletableFuture<RadiusPacket> f = new CompletableFuture<>();
        answers.add(f);
        return f;
    }

    private AccountingSpools spools(long maxBytes) {
        AccountingSpools s = new AccountingSpools("test", dir.resolve("test"), maxBytes, clock, () -> DICT);
        s.forwarder(this::forward);
        return s;
    }

    static RadiusPacket accounting(String session, String status, long eventTimestamp) {
        return RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).add("User-Name", "alice@example.org")
                .add("Acct-Session-Id", session).add("Acct-Status-Type", status)
                .add("Event-Timestamp", eventTimestamp).add("Acct-Delay-Time", 2)
                .add("Proxy-State", new byte[] {1, 2, 3}).build();
    }

    private static String session(RadiusPacket p) {
        return p.first("Acct-Session-Id").orElseThrow().asString();
    }

    private static AccountingSpool.Stored stored(CompletionStage<AccountingSpool.Stored> s) {
        return s.toCompletableFuture().getNow(null);
    }

    private static RadiusPacket ok() {
        return RadiusPacket.builder(PacketCode.ACCOUNTING_RESPONSE, DICT).build();
    }

    @Test
    void aRequestIsStoredOnDiskBeforeItIsAnsweredAndSentOnWithItsDelay() throws Exception {
        try (AccountingSpools spools = spools(1 << 20)) {
            AccountingSpool spool = spools.route(List.of(1));
            long received = clock.now().toEpochMilli();
            // the spool is asked after the live attempt timed out; the destination is still down
            clock.advance(Duration.ofSeconds(5));
            CompletionStage<AccountingSpool.Stored> s = spool.store(accounting("s1", "Start", 1_790_000_000L), received);
            assertEquals(AccountingSpool.Stored.STORED, stored(s));
            assertTrue(bytesOnDisk(spools.directory()) > SpoolRecord.MAGIC.length, "on disk when answered");
            assertEquals(1, sent.size(), "sent on at once: the route may be back");
            answers.get(0).completeExceptionally(new DestinationUnavailableException(1, "down"));
            assertTrue(spool.waiting());

            clock.advance(Duration.ofSeconds(40));
            assertEquals(2, sent.size(), "tried again once, RETRY after the failure, and waiting for that answer");
            RadiusPacket replayed = sent.get(1);
            answers.get(1).complete(ok());
            assertEquals(2 + 6, replayed.first("Acct-Delay-Time").orElseThrow().asLong(),
                    "Acct-Delay-Time grows by the time since the relay received it: 5 s, then RETRY");
            assertEquals(2 + 5, sent.get(0).first("Acct-Delay-Time").orElseThrow().asLong());
            assertEquals("s1", session(replayed));
            assertEquals(1_790_000_000L, replayed.first("Event-Timestamp").orElseThrow().asInstant().getEpochSecond());
            assertTrue(!spool.waiting());
            AccountingSpoolStatistics st = spools.statistics();
            assertEquals(1, st.spooled());
            assertEquals(1, st.replayed());
            assertEquals(0, st.records());
            assertEquals(SpoolRecord.MAGIC.length, st.bytes(), "an empty spool is one header");
        }
    }

    @Test
    void aFailedReplayIsTriedAgainAfterTheRetryOrWhenADestinationComesUpAndNothingIsLost() throws Exception {
        try (AccountingSpools spools = spools(1 << 20)) {
            AccountingSpool spool = spools.route(List.of(1));
            spool.store(accounting("s1", "Start", 100), clock.now().toEpochMilli());
            answers.get(0).completeExceptionally(new RequestTimeoutException(1, "timed out"));
            assertEquals(1, sent.size());
            clock.advance(AccountingSpool.RETRY.minusMillis(1));
            assertEquals(1, sent.size(), "paused until the retry");
            clock.advance(Duration.ofMillis(1));
            assertEquals(2, sent.size(), "tried again after RETRY");
            answers.get(1).completeExceptionally(new RequestTimeoutException(1, "timed out"));
            spools.wake(); // a destination came up
            assertEquals(3, sent.size(), "tried again at once");
            answers.get(2).complete(ok());
            assertEquals(0, spool.records());
            clock.advance(Duration.ofMinutes(5));
            assertEquals(3, sent.size(), "nothing more once answered");
            assertEquals(1, spools.statistics().replayed());
        }
    }

    @Test
    void storedRequestsGoInOrderUpToTheWindowAndASessionsRecordsOneAfterAnother() throws Exception {
        try (AccountingSpools spools = spools(1 << 20)) {
            AccountingSpool spool = spools.route(List.of(1));
            spools.forwarder(null); // no sending while the test fills the spool
            spool.store(accounting("a", "Start", 1), 0);
            spool.store(accounting("b", "Start", 2), 0);
            spool.store(accounting("a", "Stop", 3), 0); // waits for a's Start
            spool.store(accounting("c", "Start", 4), 0);
            for (int i = 0; i < 40; i++) {
                spool.store(accounting("m" + i, "Start", 10 + i), 0);
            }
            spools.forwarder(this::forward);
            assertEquals(List.of("a", "b"), sent.stream().map(AccountingSpoolTest::session).toList(),
                    "a's Stop is not sent while its Start is unanswered, nor anything after it");
            answers.get(0).complete(ok());
            List<String> now = sent.stream().map(AccountingSpoolTest::session).toList();
            assertEquals("a", now.get(2), "a's Stop follows its Start");
            assertEquals("Stop", sent.get(2).first("Acct-Status-Type").orElseThrow().valueText());
            assertEquals(1 + AccountingSpool.WINDOW, sent.size(), "then as many as the window holds");
            assertEquals(List.of("a", "b", "a", "c", "m0"), now.subList(0, 5), "oldest first");
            answerAll();
            assertEquals(44, sent.size(), "each once");
            assertEquals(44, sent.stream().map(p -> session(p) + p.first("Acct-Status-Type").orElseThrow().asLong())
                    .distinct().count());
            assertEquals(0, spool.records());
        }
    }

    @Test
    void aRetransmissionOfAStoredRequestIsAnsweredAndNotStoredTwice() throws Exception {
        try (AccountingSpools spools = spools(1 << 20)) {
            spools.forwarder(null);
            AccountingSpool spool = spools.route(List.of(1));
            assertEquals(AccountingSpool.Stored.STORED, stored(spool.store(accounting("s1", "Start", 100), 0)));
            // the NAS sends it again with a new Acct-Delay-Time (and Identifier): the key is the same
            RadiusPacket again = accounting("s1", "Start", 100).toBuilder().set("Acct-Delay-Time", 9).build();
            assertEquals(AccountingSpool.Stored.DUPLICATE, stored(spool.store(again, 0)));
            assertEquals(AccountingSpool.Stored.STORED, stored(spool.store(accounting("s1", "Stop", 100), 0)),
                    "another status type is another record");
            assertEquals(AccountingSpool.Stored.STORED, stored(spool.store(accounting("s1", "Start", 101), 0)),
                    "another event time is another record");
            RadiusPacket noTimestamp = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT)
                    .add("Acct-Session-Id", "s2").add("Acct-Status-Type", "Start").build();
            spool.store(noTimestamp, 0);
            assertEquals(AccountingSpool.Stored.STORED, stored(spool.store(noTimestamp, 0)),
                    "without Event-Timestamp there is no key: never taken for a duplicate");
            AccountingSpoolStatistics st = spools.statistics();
            assertEquals(5, st.records());
            assertEquals(5, st.spooled());
            assertEquals(1, st.duplicates());
        }
    }

    @Test
    void aFullSpoolRefusesAndCountsAndTakesRequestsAgainOnceItDrains() throws Exception {
        int record = SpoolLog.size(new dev.radsec.codec.PacketCodec(DICT).encodeRequest(accounting("s00", "Start", 1),
                AccountingSpool.STORAGE_SECRET).length, "s00");
        long max = SpoolRecord.MAGIC.length + 3L * record;
        try (AccountingSpools spools = spools(max)) {
            spools.forwarder(null);
            AccountingSpool spool = spools.route(List.of(1));
            for (int i = 0; i < 3; i++) {
                assertEquals(AccountingSpool.Stored.STORED, stored(spool.store(accounting("s0" + i, "Start", 1), 0)));
            }
            for (int i = 3; i < 6; i++) {
                assertEquals(AccountingSpool.Stored.REFUSED, stored(spool.store(accounting("s0" + i, "Start", 1), 0)),
                        "full: no answer, the NAS keeps it");
            }
            assertEquals(AccountingSpool.Stored.DUPLICATE, stored(spool.store(accounting("s00", "Start", 1), 0)),
                    "a duplicate is answered even when full: it is stored");
            AccountingSpoolStatistics st = spools.statistics();
            assertEquals(3, st.full());
            assertEquals(3, st.records());
            assertEquals(max, st.maxBytes());
            assertEquals(max, st.bytes());
            spools.forwarder(this::forward);
            answerAll();
            assertEquals(0, spool.records());
            assertEquals(AccountingSpool.Stored.STORED, stored(spool.store(accounting("s03", "Start", 1), 0)),
                    "drained: it takes requests again");
            answerAll();
        }
    }

    @Test
    void aNewInstanceFindsTheSpoolAndSendsWhatWaitsAndATornLastRecordIsCountedNotSent() throws Exception {
        try (AccountingSpools spools = spools(1 << 20)) {
            spools.forwarder(null);
            AccountingSpool spool = spools.route(List.of(1, 2));
            for (int i = 0; i < 5; i++) {
                spool.store(accounting("r" + i, "Start", 1), 0);
            }
        } // as after a kill: the files stay; nothing was sent
        Path route = dir.resolve("test/route-1-2");
        Path segment;
        try (Stream<Path> files = Files.list(route)) {
            segment = files.filter(p -> p.toString().endsWith(".spool")).filter(p -> size(p) > 100).findFirst()
                    .orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(f.length() - 7); // the kill came while the last one was written
        }
        try (AccountingSpools spools = spools(1 << 20)) {
            assertEquals(4, spools.statistics().records(), "read when the relay starts");
            assertEquals(1, spools.statistics().torn());
            assertTrue(spools.route(List.of(1, 2)).waiting(), "a new request waits behind them");
            answerAll();
            assertEquals(List.of("r0", "r1", "r2", "r3"), sent.stream().map(AccountingSpoolTest::session).toList());
            assertEquals(0, spools.statistics().records());
        }
    }

    @Test
    void withTheLimitAtZeroNothingNewIsStoredButWhatWaitsIsStillSent() throws Exception {
        try (AccountingSpools spools = spools(1 << 20)) {
            spools.forwarder(null);
            spools.route(List.of(3)).store(accounting("z", "Start", 1), 0);
        }
        try (AccountingSpools spools = spools(0)) {
            assertTrue(!spools.storing());
            answerAll();
            assertEquals(1, sent.size());
            assertEquals(0, spools.statistics().records());
        }
    }

    /** Answers every request sent, also those sent because others were answered. */
    private void answerAll() {
        for (int i = 0; i < answers.size(); i++) {
            answers.get(i).complete(ok());
        }
    }

    private static long bytesOnDisk(Path relayDir) throws Exception {
        try (Stream<Path> files = Files.walk(relayDir)) {
            return files.filter(Files::isRegularFile).mapToLong(AccountingSpoolTest::size).sum();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
