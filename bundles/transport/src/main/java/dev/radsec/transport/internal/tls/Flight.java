package dev.radsec.transport.internal.tls;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.mina.core.buffer.IoBuffer;

/**
 * Records made in one go (a handshake flight, or the record of one written message), joined for one write. Each
 * record is copied once out of the thread's scratch buffer; one record costs exactly its own size.
 */
final class Flight {
    private byte[] data = new byte[0];
    private int size;

    /** Appends the bytes between {@code records}' position and limit. */
    void add(ByteBuffer records) {
        int n = records.remaining();
        if (size + n > data.length) {
            data = Arrays.copyOf(data, size + n);
        }
        records.get(data, size, n);
        size += n;
    }

    int size() {
        return size;
    }

    /** The records as one buffer to write. */
    IoBuffer toBuffer() {
        return IoBuffer.wrap(data, 0, size);
    }
}
