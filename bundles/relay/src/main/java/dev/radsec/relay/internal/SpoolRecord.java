package dev.radsec.relay.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The binary records of an accounting spool file, so that a record cut short by a crash is recognised rather than
 * read as a request:
 * <pre>
 *   type    1 octet   1 = a stored request (DATA), 2 = a stored request was answered (DONE)
 *   length  4 octets  of the body, big-endian
 *   body    length octets
 *   crc     4 octets  CRC-32C of type, length and body
 * </pre>
 * DATA body: sequence number (8), time received in epoch milliseconds (8), Acct-Status-Type (4, -1 when absent),
 * Event-Timestamp (8, -1 when absent), length of Acct-Session-Id (2), its octets, then the packet (the request as
 * forwarded, encoded with {@link AccountingSpool#STORAGE_SECRET}). DONE body: the sequence number (8).
 *
 * <p>A file starts with {@link #MAGIC}.
 */
final class SpoolRecord {
    /** The first octets of every spool file: what it is and the format's version. */
    static final byte[] MAGIC = "RADSPL1\n".getBytes(StandardCharsets.US_ASCII);
    static final byte DATA = 1;
    static final byte DONE = 2;
    static final int HEADER = 5;
    static final int TRAILER = 4;
    /** The fixed part of a DATA body, before the session id. */
    static final int DATA_FIXED = 8 + 8 + 4 + 8 + 2;
    /** The largest body: a 4,096-octet packet and a 253-octet session id, with room to spare. */
    static final int MAX_BODY = DATA_FIXED + 255 + 4096;
    static final int DONE_BODY = 8;

    private SpoolRecord() {
    }

    /** A stored request as read back: where its packet is within the record. */
    record Data(long seq, long receivedAt, int statusType, long eventTimestamp, String session, int packetOffset,
                int packetLength) {
        /** The duplicate key: Acct-Session-Id, Acct-Status-Type and Event-Timestamp; null when one is missing. */
        String key() {
            return key(session, statusType, eventTimestamp);
        }

        static String key(String session, int statusType, long eventTimestamp) {
            if (session == null || statusType < 0 || eventTimestamp < 0) {
                return null;
            }
            return session + '\u0000' + statusType + '\u0000' + eventTimestamp;
        }
    }

    /** A DATA record. {@code session} is read as ISO-8859-1, one char per octet, so any octets survive. */
    static byte[] data(long seq, long receivedAt, int statusType, long eventTimestamp, String session, byte[] packet) {
        byte[] s = session == null ? new byte[0] : session.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(HEADER + DATA_FIXED + s.length + packet.length + TRAILER);
        b.put(DATA).putInt(DATA_FIXED + s.length + packet.length);
        b.putLong(seq).putLong(receivedAt).putInt(statusType).putLong(eventTimestamp).putShort((short) s.length).put(s)
                .put(packet);
        return seal(b);
    }

    static byte[] done(long seq) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + DONE_BODY + TRAILER);
        b.put(DONE).putInt(DONE_BODY).putLong(seq);
        return seal(b);
    }

    private static byte[] seal(ByteBuffer b) {
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * The length of the whole record at {@code offset} in {@code buf} (valid up to {@code end}), or -1 when there is
     * no whole, intact record there: cut short, a length out of range, an unknown type or a wrong CRC.
     */
    static int check(byte[] buf, int offset, int end) {
        if (end - offset < HEADER) {
            return -1;
        }
        byte type = buf[offset];
        int length = ByteBuffer.wrap(buf, offset + 1, 4).getInt();
        boolean plausible = type == DATA ? length >= DATA_FIXED && length <= MAX_BODY
                : type == DONE && length == DONE_BODY;
        if (!plausible || end - offset < HEADER + length + TRAILER) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf, offset, HEADER + length);
        int stored = ByteBuffer.wrap(buf, offset + HEADER + length, 4).getInt();
        if ((int) crc.getValue() != stored) {
            return -1;
        }
        if (type == DATA) {
            int sessionLength = ByteBuffer.wrap(buf, offset + HEADER + DATA_FIXED - 2, 2).getShort() & 0xFFFF;
            if (sessionLength > length - DATA_FIXED) {
                return -1;
            }
        }
        return HEADER + length + TRAILER;
    }

    static byte type(byte[] buf, int offset) {
        return buf[offset];
    }

    /** The sequence number of a checked record of either type. */
    static long seq(byte[] buf, int offset) {
        return ByteBuffer.wrap(buf, offset + HEADER, 8).getLong();
    }

    /** A checked DATA record; packet offsets are relative to the record's start. */
    static Data readData(byte[] buf, int offset) {
        ByteBuffer b = ByteBuffer.wrap(buf, offset, buf.length - offset);
        b.get();
        int length = b.getInt();
        long seq = b.getLong();
        long receivedAt = b.getLong();
        int status = b.getInt();
        long event = b.getLong();
        int sessionLength = b.getShort() & 0xFFFF;
        String session = sessionLength == 0 ? null
                : new String(buf, offset + HEADER + DATA_FIXED, sessionLength, StandardCharsets.ISO_8859_1);
        int packetOffset = HEADER + DATA_FIXED + sessionLength;
        return new Data(seq, receivedAt, status, event, session, packetOffset, length - DATA_FIXED - sessionLength);
    }
}
