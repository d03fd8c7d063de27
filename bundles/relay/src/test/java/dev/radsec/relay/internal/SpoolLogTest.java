package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool's files: records come back in order after a restart, done ones do not, a torn or corrupt tail is cut off
 * and counted instead of read, drained files go, and the duplicate key is known while its record waits.
 */
class SpoolLogTest {
    @TempDir
    Path tmp;
    /** The spool; copies go beside it. */
    Path dir;

    @BeforeEach
    void spoolDirectory() {
        dir = tmp.resolve("spool");
    }

    private static byte[] packet(int i) {
        return ("packet " + i + " " + "x".repeat(i % 7)).getBytes(StandardCharsets.US_ASCII);
    }

    private static long append(SpoolLog log, int i) throws IOException {
        return log.append(1000L + i, 1, 1_700_000_000L + i, "session-" + i, packet(i));
    }

    private static List<Long> seqs(SpoolLog log) {
        List<Long> seqs = new ArrayList<>();
        for (long seq = log.next(0); seq >= 0; seq = log.next(seq)) {
            seqs.add(seq);
        }
        return seqs;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void requestsComeBackInOrderAfterARestartWithTheirPacketsAndKeys() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            for (int i = 1; i <= 5; i++) {
                append(log, i);
            }
            log.force();
        }
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(log));
            int i = 1;
            for (long seq : seqs(log)) {
                SpoolLog.Stored e = log.read(seq);
                assertArrayEquals(packet(i), e.packet());
                assertEquals("session-" + i, e.data().session());
                assertEquals(1000L + i, e.data().receivedAt());
                assertEquals(1_700_000_000L + i, e.data().eventTimestamp());
                i++;
            }
            assertTrue(log.holds(SpoolRecord.Data.key("session-3", 1, 1_700_000_003L)));
            assertFalse(log.holds(SpoolRecord.Data.key("session-3", 2, 1_700_000_003L)), "another status type");
            assertFalse(log.holds(SpoolRecord.Data.key("session-3", 1, 1_700_000_004L)), "another event time");
            assertEquals(0, log.tornAtOpen());
            // numbering goes on after the restart
            assertEquals(6L, append(log, 6));
        }
    }

    @Test
    void doneRequestsAreGoneAfterARestartAndTheirKeysWithThem() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            for (int i = 1; i <= 4; i++) {
                append(log, i);
            }
            log.done(2);
            log.done(4);
            log.force();
            assertEquals(List.of(1L, 3L), seqs(log));
            assertFalse(log.holds(SpoolRecord.Data.key("session-2", 1, 1_700_000_002L)));
        }
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertEquals(List.of(1L, 3L), seqs(log));
            assertArrayEquals(packet(3), log.read(3).packet());
        }
    }

    @Test
    void aTornTailIsCutOffCountedAndNeverRead() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            for (int i = 1; i <= 3; i++) {
                append(log, i);
            }
            log.force();
        }
        Path segment = files().get(0);
        long whole = Files.size(segment);
        int last = SpoolLog.size(packet(3).length, "session-3");
        // every way the last write can be cut short: inside its header, its body, its CRC
        for (int cut = 1; cut < last; cut += 5) {
            Path copy = Files.createDirectories(tmp.resolve("cut-" + cut));
            Files.copy(segment, copy.resolve(segment.getFileName()));
            try (RandomAccessFile f = new RandomAccessFile(copy.resolve(segment.getFileName()).toFile(), "rw")) {
                f.setLength(whole - cut);
            }
            try (SpoolLog log = SpoolLog.open(copy, 1 << 20)) {
                assertEquals(List.of(1L, 2L), seqs(log), "cut by " + cut);
                assertEquals(1, log.tornAtOpen(), "cut by " + cut);
                assertEquals(whole - last, Files.size(copy.resolve(segment.getFileName())), "the torn record is cut off");
            }
            try (SpoolLog log = SpoolLog.open(copy, 1 << 20)) {
                assertEquals(0, log.tornAtOpen(), "counted once: the file is whole now");
                assertEquals(3L, append(log, 3), "the torn record's number is free again");
                log.force();
            }
            try (SpoolLog log = SpoolLog.open(copy, 1 << 20)) {
                assertEquals(List.of(1L, 2L, 3L), seqs(log));
                assertArrayEquals(packet(3), log.read(3).packet());
            }
        }
    }

    @Test
    void aCorruptRecordAndZeroesAfterTheLastOneAreTornToo() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            for (int i = 1; i <= 3; i++) {
                append(log, i);
            }
            log.force();
        }
        Path segment = files().get(0);
        long whole = Files.size(segment);
        int last = SpoolLog.size(packet(3).length, "session-3");
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(whole - last + 30); // a bit flipped in the last record's packet
            int b = f.read();
            f.seek(whole - last + 30);
            f.write(b ^ 0x10);
        }
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertEquals(List.of(1L, 2L), seqs(log));
            assertEquals(1, log.tornAtOpen());
            append(log, 3);
            log.force();
        }
        // a file system that extended the file with zeroes before the crash
        Path newest = files().get(files().size() - 1);
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.setLength(f.length() + 4096);
        }
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertEquals(List.of(1L, 2L, 3L), seqs(log));
            assertEquals(1, log.tornAtOpen());
        }
    }

    @Test
    void drainedSegmentsAreDeletedAndAnEmptySpoolShrinksToAHeader() throws Exception {
        try (SpoolLog log = SpoolLog.open(dir, 256)) {
            List<Long> entries = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                entries.add(append(log, i));
            }
            log.force();
            assertTrue(files().size() > 5, "segments roll at their size: " + files());
            long full = log.bytes();
            assertEquals(full, files().stream().mapToLong(SpoolLogTest::size).sum(), "bytes() is the files' size");
            for (int i = 0; i < 20; i++) {
                log.done(entries.get(i));
            }
            log.force();
            assertTrue(log.bytes() < full, "the first segments are gone");
            assertEquals(log.bytes(), files().stream().mapToLong(SpoolLogTest::size).sum());
            for (int i = 20; i < 40; i++) {
                log.done(entries.get(i));
            }
            log.force();
            assertEquals(1, files().size(), "" + files());
            assertEquals(SpoolRecord.MAGIC.length, log.bytes());
            assertEquals(SpoolRecord.MAGIC.length, size(files().get(0)));
        }
        try (SpoolLog log = SpoolLog.open(dir, 256)) {
            assertEquals(0, log.records());
            assertEquals(1, files().size(), "the empty segment is deleted on opening: " + files());
        }
    }

    @Test
    void aFileThatIsNotASpoolIsLeftAlone() throws Exception {
        Files.createDirectories(dir);
        Path foreign = dir.resolve("00000000000000000001.spool");
        Files.writeString(foreign, "something else entirely");
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertEquals(0, log.records());
            append(log, 1);
            log.force();
        }
        assertEquals("something else entirely", Files.readString(foreign));
        try (SpoolLog log = SpoolLog.open(dir, 1 << 20)) {
            assertEquals(1, log.records());
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
