package dev.radsec.relay.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast non-cryptographic 64-bit hash in the manner of xxHash64's short-input path, and MurmurHash3's 64-bit
 * finalizer. Balancing needs keys spread evenly over the ring and nothing else: an attacker who picks keys can only
 * pick which of the relay's own servers answers them.
 */
final class KeyHash {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private KeyHash() {
    }

    /** The hash of {@code length} octets of {@code b} from {@code offset}. */
    static long hash(byte[] b, int offset, int length) {
        long h = P5 + length;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            h ^= Long.rotateLeft((long) LONG.get(b, i) * P2, 31) * P1;
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        for (; i < end; i++) {
            h ^= (b[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        return mix(h);
    }

    /** MurmurHash3's fmix64: a bijection, so distinct inputs (ring points) never collide. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
