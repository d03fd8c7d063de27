package dev.radsec.transport.internal;

import dev.radsec.transport.internal.tls.ByteBuffers;
import java.nio.ByteBuffer;
import org.apache.mina.core.buffer.IoBuffer;

/**
 * Cuts a TCP/TLS byte stream into RADIUS packets by their Length field (RFC 6614 section 2.5). A Length outside
 * 20..4096 means the stream cannot be resynchronised: the caller must close the connection.
 */
final class PacketFramer {
    /** Code, Identifier, Length: enough to know a packet's size. */
    private static final int HEADER = 4;

    /**
     * The start of a packet split across reads, in a buffer of the packet's size (of the header's, while even the
     * Length is incomplete); null between packets, so an idle connection holds nothing here.
     */
    private ByteBuffer partial;

    /** Thrown when the stream carries a Length no packet can have. */
    static final class FramingException extends Exception {
        private static final long serialVersionUID = 1L;

        FramingException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    interface Sink {
        void packet(byte[] packet);
    }

    /** Cuts every whole packet out of {@code in} (read straight from it) and keeps a split one for the next call. */
    void feed(IoBuffer in, Sink sink) throws FramingException {
        ByteBuffer b = in.buf();
        if (partial != null && !completePartial(b, sink)) {
            return;
        }
        while (b.remaining() >= HEADER) {
            int length = length(b, b.position());
            if (b.remaining() < length) {
                break;
            }
            byte[] packet = new byte[length];
            b.get(packet);
            sink.packet(packet);
        }
        if (b.hasRemaining()) {
            partial = ByteBuffer.allocate(b.remaining() < HEADER ? HEADER : length(b, b.position())).put(b);
        }
    }

    private boolean completePartial(ByteBuffer b, Sink sink) throws FramingException {
        ByteBuffers.move(b, partial);
        if (!partial.hasRemaining() && partial.capacity() == HEADER) { // the header is whole: now the packet's size
            ByteBuffer header = partial.flip();
            partial = ByteBuffer.allocate(length(header, 0)).put(header);
            ByteBuffers.move(b, partial);
        }
        if (partial.hasRemaining()) {
            return false;
        }
        byte[] packet = partial.array();
        partial = null;
        sink.packet(packet);
        return true;
    }

    private static int length(ByteBuffer b, int at) throws FramingException {
        int length = ((b.get(at + 2) & 0xFF) << 8) | (b.get(at + 3) & 0xFF);
        if (length < 20 || length > 4096) {
            throw new FramingException("a packet Length of " + length + " is outside 20..4096");
        }
        return length;
    }
}
