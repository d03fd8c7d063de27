package dev.radsec.relay.internal;

/**
 * The duplicate keys of the requests a spool holds: 64-bit key hash to the sequence number of the request that has
 * it, in open addressing with linear probing (16 octets a slot, no object per entry). Zero is no hash: a request
 * without a key is not entered. A hash is only a candidate; the spool compares the stored key before it calls a
 * request a duplicate.
 */
final class KeyTable {
    private long[] keys = new long[64];
    private long[] values = new long[64];
    private int size;

    /** The sequence number entered for {@code hash}; -1 when none. */
    long get(long hash) {
        if (hash == 0) {
            return -1;
        }
        int mask = keys.length - 1;
        for (int i = slot(hash, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == hash) {
                return values[i];
            }
        }
        return -1;
    }

    /** Enters (or replaces) {@code hash}. */
    void put(long hash, long seq) {
        if (hash == 0) {
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(hash, mask);
        while (keys[i] != 0 && keys[i] != hash) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = hash;
        values[i] = seq;
    }

    /** Removes {@code hash} if it is entered for {@code seq}. */
    void remove(long hash, long seq) {
        if (hash == 0) {
            return;
        }
        int mask = keys.length - 1;
        int i = slot(hash, mask);
        while (keys[i] != hash) {
            if (keys[i] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        if (values[i] != seq) {
            return;
        }
        // backward-shift deletion: the entries after it that probed past it move up, so lookups still find them
        int gap = i;
        for (int j = (gap + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = 0;
        values[gap] = 0;
        size--;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(long hash, int mask) {
        long h = hash * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** A 64-bit hash of a duplicate key (FNV-1a over its chars, never 0); 0 for none. */
    static long hash(String key) {
        if (key == null) {
            return 0;
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }
}
