package dev.radsec.transport.internal.tls;

import java.nio.ByteBuffer;

/** Byte buffer steps the JDK lacks. */
public final class ByteBuffers {
    private ByteBuffers() {
    }

    /** Moves as many bytes as fit from {@code from} into {@code to}, advancing both. */
    public static void move(ByteBuffer from, ByteBuffer to) {
        int n = Math.min(from.remaining(), to.remaining());
        to.put(to.position(), from, from.position(), n).position(to.position() + n);
        from.position(from.position() + n);
    }
}
