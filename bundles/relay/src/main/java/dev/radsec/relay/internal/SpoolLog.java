package dev.radsec.relay.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * In memory the log keeps only where each waiting request is ({@link SpoolIndex}) and its duplicate key's hash
 * ({@link KeyTable}); requests are read back from the file when they are sent.
 *
 * <p>Not thread-safe: one thread (the spool's writer) does everything. Appends are not on disk until
 * {@link #force()}.
 */
final class SpoolLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolLog.class);
    static final String SUFFIX = ".spool";

    /** A waiting request read back: its sequence number, what the record says of it, and the packet. */
    record Stored(long seq, SpoolRecord.Data data, byte[] packet) {
    }

    /** One segment file; the active one is open for appending. */
    private static final class Segment {
        final int number;
        final Path path;
        FileChannel channel;
        long size;
        int waiting;

        Segment(int number, Path path, long size) {
            this.number = number;
            this.path = path;
            this.size = size;
        }
    }

    private final Path dir;
    private final long segmentSize;
    private final TreeMap<Integer, Segment> segments = new TreeMap<>();
    private final SpoolIndex index = new SpoolIndex();
    private final KeyTable keys = new KeyTable();
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
        long[] done = new long[64];
        int doneCount = 0;
        long maxSeq = 0;
        int lastNumber = 0;
        for (Path file : files) {
            int number = number(file);
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
                long seq = length < 0 ? 0 : SpoolRecord.seq(content, offset);
                if (length < 0 || seq <= maxSeq && SpoolRecord.type(content, offset) == SpoolRecord.DATA) {
                    // cut short, corrupt, or out of order (which appending never writes): the rest is not trusted
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
                if (SpoolRecord.type(content, offset) == SpoolRecord.DATA) {
                    maxSeq = seq;
                    index.add(seq, number, offset, length, KeyTable.hash(SpoolRecord.readData(content, offset).key()));
                    segment.waiting++;
                } else {
                    if (doneCount == done.length) {
                        done = Arrays.copyOf(done, doneCount * 2);
                    }
                    done[doneCount++] = seq;
                }
                offset += length;
            }
        }
        for (int i = 0; i < doneCount; i++) {
            if (index.isWaiting(done[i])) {
                segments.get(index.segment(done[i])).waiting--;
                index.done(done[i]);
            }
        }
        for (long seq = index.next(0); seq >= 0; seq = index.next(seq)) {
            keys.put(index.keyHash(seq), seq);
        }
        nextSeq = maxSeq + 1;
        bytes = segments.values().stream().mapToLong(s -> s.size).sum();
        // Appends go to a new segment: the old ones are only read and deleted.
        newSegment(lastNumber + 1);
        dropDrained();
    }

    /** The segment number of a file named {@code <digits>.spool}; 0 for anything else. */
    private static int number(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
            return 0;
        }
        try {
            long n = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
            return n > 0 && n < Integer.MAX_VALUE ? (int) n : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void newSegment(int number) throws IOException {
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
        return index.size();
    }

    /** The oldest waiting request newer than {@code after} (0: the oldest); -1 when none. */
    long next(long after) {
        return index.next(after);
    }

    /** Whether a waiting request has this duplicate key (compared as stored, not only by its hash). */
    boolean holds(String key) throws IOException {
        long seq = keys.get(KeyTable.hash(key));
        return seq >= 0 && index.isWaiting(seq) && key.equals(read(seq).data().key());
    }

    /** The size of a DATA record for a packet and session, as {@link #append} writes it. */
    static int size(int packetLength, String session) {
        return SpoolRecord.HEADER + SpoolRecord.DATA_FIXED + (session == null ? 0 : session.length()) + packetLength
                + SpoolRecord.TRAILER;
    }

    /**
     * Writes a request; on disk after the next {@link #force()}.
     *
     * @return its sequence number
     */
    long append(long receivedAt, int statusType, long eventTimestamp, String session, byte[] packet)
            throws IOException {
        if (active.size >= segmentSize) {
            newSegment(active.number + 1);
        }
        long seq = nextSeq++;
        byte[] record = SpoolRecord.data(seq, receivedAt, statusType, eventTimestamp, session, packet);
        long offset = active.size;
        write(record);
        long hash = KeyTable.hash(SpoolRecord.Data.key(session, statusType, eventTimestamp));
        index.add(seq, active.number, (int) offset, record.length, hash);
        active.waiting++;
        keys.put(hash, seq);
        return seq;
    }

    /** Marks a request answered; it no longer waits at once, and is gone from disk after {@link #force()}. */
    void done(long seq) throws IOException {
        if (!index.isWaiting(seq)) {
            return;
        }
        keys.remove(index.keyHash(seq), seq);
        segments.get(index.segment(seq)).waiting--;
        index.done(seq);
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
        if (index.size() == 0 && active.size > SpoolRecord.MAGIC.length) {
            active.channel.truncate(SpoolRecord.MAGIC.length);
            active.channel.force(true);
            bytes -= active.size - SpoolRecord.MAGIC.length;
            active.size = SpoolRecord.MAGIC.length;
        }
    }

    /** A waiting request, read back from its file. */
    Stored read(long seq) throws IOException {
        Segment s = segments.get(index.segment(seq));
        if (s == null) {
            throw new IOException("segment " + index.segment(seq) + " of " + dir + " is gone");
        }
        if (s.channel == null) {
            s.channel = FileChannel.open(s.path, StandardOpenOption.READ);
        }
        ByteBuffer b = ByteBuffer.allocate(index.length(seq));
        long position = index.offset(seq);
        while (b.hasRemaining()) {
            if (s.channel.read(b, position + b.position()) < 0) {
                throw new IOException(s.path + " ends before the record at " + position);
            }
        }
        byte[] record = b.array();
        if (SpoolRecord.check(record, 0, record.length) != record.length || SpoolRecord.seq(record, 0) != seq) {
            throw new IOException("the record of request " + seq + " at " + position + " of " + s.path
                    + " changed on disk");
        }
        SpoolRecord.Data data = SpoolRecord.readData(record, 0);
        return new Stored(seq, data, Arrays.copyOfRange(record, data.packetOffset(),
                data.packetOffset() + data.packetLength()));
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
        return "spool " + dir + ": " + index.size() + " waiting, " + bytes + " bytes";
    }
}
