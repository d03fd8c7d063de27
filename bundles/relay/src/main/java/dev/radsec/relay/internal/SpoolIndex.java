package dev.radsec.relay.internal;

import java.util.Arrays;

/**
 * Where the waiting requests of a spool are, oldest first: per request its sequence number, segment, offset and
 * length in primitive arrays (28 octets each), so that a full spool of half a million requests costs megabytes of
 * heap, not hundreds. Sequence numbers only grow as requests are added; a request done in the middle is marked, and
 * the oldest done ones are dropped.
 */
final class SpoolIndex {
    private long[] seq = new long[64];
    private int[] segment = new int[64];
    private int[] offset = new int[64];
    /** Negative: done. */
    private int[] length = new int[64];
    private long[] keyHash = new long[64];
    /** Positions in use: [head, tail). */
    private int head;
    private int tail;
    private int waiting;

    /** Adds a request, newer than every one before. */
    void add(long seqNumber, int segmentNumber, int recordOffset, int recordLength, long key) {
        if (tail > head && seqNumber <= seq[tail - 1]) {
            throw new IllegalArgumentException("request " + seqNumber + " is not newer than " + seq[tail - 1]);
        }
        if (tail == seq.length) {
            room();
        }
        seq[tail] = seqNumber;
        segment[tail] = segmentNumber;
        offset[tail] = recordOffset;
        length[tail] = recordLength;
        keyHash[tail] = key;
        tail++;
        waiting++;
    }

    /** Moves what is in use to the front, or grows the arrays when most of them are in use. */
    private void room() {
        int used = tail - head;
        int capacity = used > seq.length / 2 ? seq.length * 2 : seq.length;
        seq = move(seq, capacity);
        segment = move(segment, capacity);
        offset = move(offset, capacity);
        length = move(length, capacity);
        keyHash = move(keyHash, capacity);
        tail = used;
        head = 0;
    }

    private long[] move(long[] a, int capacity) {
        long[] b = capacity == a.length ? a : new long[capacity];
        System.arraycopy(a, head, b, 0, tail - head);
        return b;
    }

    private int[] move(int[] a, int capacity) {
        int[] b = capacity == a.length ? a : new int[capacity];
        System.arraycopy(a, head, b, 0, tail - head);
        return b;
    }

    /** The position of a request, or -1 when it is not here. */
    private int position(long seqNumber) {
        int p = Arrays.binarySearch(seq, head, tail, seqNumber);
        return p >= 0 ? p : -1;
    }

    /**
     * Marks a request done.
     *
     * @return false when it was not waiting
     */
    boolean done(long seqNumber) {
        int p = position(seqNumber);
        if (p < 0 || length[p] < 0) {
            return false;
        }
        length[p] = -1;
        waiting--;
        while (head < tail && length[head] < 0) {
            head++;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return true;
    }

    /** The oldest waiting request newer than {@code after} ({@code 0}: the oldest of all); -1 when there is none. */
    long next(long after) {
        int p = Arrays.binarySearch(seq, head, tail, after + 1);
        for (p = p >= 0 ? p : -p - 1; p < tail; p++) {
            if (length[p] >= 0) {
                return seq[p];
            }
        }
        return -1;
    }

    boolean isWaiting(long seqNumber) {
        int p = position(seqNumber);
        return p >= 0 && length[p] >= 0;
    }

    int segment(long seqNumber) {
        return segment[existing(seqNumber)];
    }

    int offset(long seqNumber) {
        return offset[existing(seqNumber)];
    }

    int length(long seqNumber) {
        return length[existing(seqNumber)];
    }

    long keyHash(long seqNumber) {
        return keyHash[existing(seqNumber)];
    }

    private int existing(long seqNumber) {
        int p = position(seqNumber);
        if (p < 0 || length[p] < 0) {
            throw new IllegalArgumentException("request " + seqNumber + " does not wait");
        }
        return p;
    }

    /** Requests waiting. */
    int size() {
        return waiting;
    }
}
