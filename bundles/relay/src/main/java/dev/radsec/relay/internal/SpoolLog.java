package dev.radsec.relay.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one accounting spool: an append-only log of {@link SpoolRecord}s in numbered segment files
 * ({@code 00000000000000000001.spool}, ...). A request is a DATA record; once a destination answered it, a DONE
 * record names it. A segment whose requests are all done is deleted, and when nothing waits the last one is cut back
 * to its header, so the files hold what waits plus at most one segment of done ones.
 *
 * <p>Opening reads every segment. A record that is cut short or fails its CRC (a crash while it was written) ends
 * the segment: it and anything after it are cut off and counted ({@link #tornAtOpen()}), never read as a request.
 *
 * <p>Not thread-safe: one thread (the spool's writer) does everything. Appends are not on disk until
 * {@link #force()}.
 */
final class SpoolLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolLog.class);
    static final String SUFFIX = ".spool";

    /** A request waiting in the log. */
    record Entry(long seq, long segment, long offset, int recordLength, SpoolRecord.Data data) {
    }

    /** One segment file; the active one is open for appending. */
    private static final class Segment {
        final long number;
        final Path path;
        FileChannel channel;
        long size;
        int waiting;

        Segment(long number, Path path, long size) {
            this.number = number;
            this.path = path;
            this.size = size;
        }
    }

    private final Path dir;
    private final long segmentSize;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final TreeMap<Long, Entry> waiting = new TreeMap<>();
    private final Map<String, Long> keys = new HashMap<>();
    private Segment active;
    private long nextSeq = 1;
    private long bytes;
    private int tornAtOpen;
    private boolean dirty;

    private SpoolLog(Path dir, long segmentSize) {
        this.dir = dir;
        this.segmentSize = segmentSize;
    }

    /**
     * Opens the spool in {@code dir}, creating it when missing, and reads what it holds.
     *
     * @param segmentSize a segment takes no new record once it is this large
     */
    static SpoolLog open(Path dir, long segmentSize) throws IOException {
        Files.createDirectories(dir);
        SpoolLog log = new SpoolLog(dir, segmentSize);
        log.load();
        return log;
    }

    private void load() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> number(p) > 0).sorted().toList();
        }
        Map<Long, Entry> data = new HashMap<>();
        List<Long> done = new ArrayList<>();
        long maxSeq = 0;
        long lastNumber = 0;
        for (Path file : files) {
            long number = number(file);
            lastNumber = Math.max(lastNumber, number);
            byte[] content = Files.readAllBytes(file);
            if (content.length < SpoolRecord.MAGIC.length
                    || !Arrays.equals(content, 0, SpoolRecord.MAGIC.length, SpoolRecord.MAGIC, 0, SpoolRecord.MAGIC.length)) {
                if (content.length >= SpoolRecord.MAGIC.length) {
                    LOG.error("Accounting spool {}: {} is not a spool file; left alone", dir, file.getFileName());
                    continue;
                }
                Files.delete(file); // created, then the crash came before its header was written
                continue;
            }
            Segment segment = new Segment(number, file, content.length);
            segments.put(number, segment);
            int offset = SpoolRecord.MAGIC.length;
            while (offset < content.length) {
                int length = SpoolRecord.check(content, offset, content.length);
                if (length < 0) {
                    tornAtOpen++;
                    LOG.warn("Accounting spool {}: {} holds a torn or corrupt record at offset {}; its last {} octets"
                            + " are cut off and never sent", dir, file.getFileName(), offset, content.length - offset);
                    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        c.truncate(offset);
                        c.force(true);
                    }
                    segment.size = offset;
                    break;
                }
                long seq = SpoolRecord.seq(content, offset);
                maxSeq = Math.max(maxSeq, seq);
                if (SpoolRecord.type(content, offset) == SpoolRecord.DATA) {
                    data.put(seq, new Entry(seq, number, offset, length, SpoolRecord.readData(content, offset)));
                } else {
                    done.add(seq);
                }
                offset += length;
            }
        }
        done.forEach(data::remove);
        for (Entry e : data.values()) {
            waiting.put(e.seq(), e);
            segments.get(e.segment()).waiting++;
            String key = e.data().key();
            if (key != null) {
                keys.put(key, e.seq());
            }
        }
        nextSeq = maxSeq + 1;
        bytes = segments.values().stream().mapToLong(s -> s.size).sum();
        // Appends go to a new segment: the old ones are only read and deleted.
        newSegment(lastNumber + 1);
        dropDrained();
    }

    /** The segment number of a file named {@code <digits>.spool}; 0 for anything else. */
    private static long number(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
            return 0;
        }
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void newSegment(long number) throws IOException {
        Path path = dir.resolve(String.format("%020d%s", number, SUFFIX));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        channel.write(ByteBuffer.wrap(SpoolRecord.MAGIC));
        channel.force(true);
        forceDirectory();
        if (active != null) {
            active.channel.force(true);
        }
        Segment s = new Segment(number, path, SpoolRecord.MAGIC.length);
        s.channel = channel;
        segments.put(number, s);
        bytes += s.size;
        active = s;
    }

    private void forceDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Records found torn or corrupt when the log was opened, and cut off. */
    int tornAtOpen() {
        return tornAtOpen;
    }

    /** The size of the files. */
    long bytes() {
        return bytes;
    }

    /** Requests waiting. */
    int records() {
        return waiting.size();
    }

    /** The waiting requests, oldest first. */
    Collection<Entry> waiting() {
        return Collections.unmodifiableCollection(waiting.values());
    }

    /** Whether a waiting request has this duplicate key. */
    boolean holds(String key) {
        return key != null && keys.containsKey(key);
    }

    /** The size of a DATA record for a packet and session, as {@link #append} writes it. */
    static int size(int packetLength, String session) {
        return SpoolRecord.HEADER + SpoolRecord.DATA_FIXED + (session == null ? 0 : session.length()) + packetLength
                + SpoolRecord.TRAILER;
    }

    /** Writes a request; on disk after the next {@link #force()}. */
    Entry append(long receivedAt, int statusType, long eventTimestamp, String session, byte[] packet)
            throws IOException {
        if (active.size >= segmentSize) {
            newSegment(active.number + 1);
        }
        long seq = nextSeq++;
        byte[] record = SpoolRecord.data(seq, receivedAt, statusType, eventTimestamp, session, packet);
        long offset = active.size;
        write(record);
        Entry e = new Entry(seq, active.number, offset, record.length, SpoolRecord.readData(record, 0));
        waiting.put(seq, e);
        active.waiting++;
        String key = e.data().key();
        if (key != null) {
            keys.put(key, seq);
        }
        return e;
    }

    /** Marks a request answered; it is gone from {@link #waiting()} at once, from disk after {@link #force()}. */
    void done(long seq) throws IOException {
        Entry e = waiting.remove(seq);
        if (e == null) {
            return;
        }
        String key = e.data().key();
        if (key != null) {
            keys.remove(key, seq);
        }
        segments.get(e.segment()).waiting--;
        write(SpoolRecord.done(seq));
    }

    private void write(byte[] record) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(record);
        while (b.hasRemaining()) {
            active.channel.write(b, active.size + b.position());
        }
        active.size += record.length;
        bytes += record.length;
        dirty = true;
    }

    /**
     * Puts what was written on disk, then deletes segments whose requests are all done and, when nothing waits,
     * cuts the last one back to its header.
     */
    void force() throws IOException {
        if (dirty) {
            active.channel.force(false);
            dirty = false;
        }
        dropDrained();
    }

    private void dropDrained() throws IOException {
        boolean deleted = false;
        for (Segment s : new ArrayList<>(segments.values())) {
            if (s != active && s.waiting == 0) {
                if (s.channel != null) {
                    s.channel.close();
                }
                Files.deleteIfExists(s.path);
                segments.remove(s.number);
                bytes -= s.size;
                deleted = true;
            }
        }
        if (deleted) {
            forceDirectory(); // before the DONE records that made them deletable could go
        }
        if (waiting.isEmpty() && active.size > SpoolRecord.MAGIC.length) {
            active.channel.truncate(SpoolRecord.MAGIC.length);
            active.channel.force(true);
            bytes -= active.size - SpoolRecord.MAGIC.length;
            active.size = SpoolRecord.MAGIC.length;
        }
    }

    /** The packet of a waiting request, as stored. */
    byte[] packet(Entry e) throws IOException {
        Segment s = segments.get(e.segment());
        if (s == null) {
            throw new IOException("segment " + e.segment() + " of " + dir + " is gone");
        }
        if (s.channel == null) {
            s.channel = FileChannel.open(s.path, StandardOpenOption.READ);
        }
        ByteBuffer b = ByteBuffer.allocate(e.data().packetLength());
        long position = e.offset() + e.data().packetOffset();
        while (b.hasRemaining()) {
            if (s.channel.read(b, position + b.position()) < 0) {
                throw new IOException(s.path + " ends before the record at " + e.offset());
            }
        }
        return b.array();
    }

    @Override
    public void close() {
        for (Segment s : segments.values()) {
            if (s.channel != null) {
                try {
                    if (s == active && dirty) {
                        s.channel.force(false);
                    }
                    s.channel.close();
                } catch (IOException e) {
                    LOG.warn("Accounting spool {}: closing {}: {}", dir, s.path.getFileName(), e.getMessage());
                }
            }
        }
    }

    @Override
    public String toString() {
        return "spool " + dir + ": " + waiting.size() + " waiting, " + bytes + " bytes";
    }
}
