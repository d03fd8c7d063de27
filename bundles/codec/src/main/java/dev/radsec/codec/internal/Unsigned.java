package dev.radsec.codec.internal;

/** Big-endian unsigned integers of 1 to 8 octets, as RADIUS writes every number. */
final class Unsigned {
    private Unsigned() {
    }

    /** {@code v} in {@code width} octets; higher octets are dropped. */
    static byte[] bytes(long v, int width) {
        byte[] b = new byte[width];
        write(b, 0, v, width);
        return b;
    }

    static void write(byte[] b, int off, long v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    static long read(byte[] b, int off, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }
}
