package dev.radsec.transport.internal;

import org.apache.mina.core.buffer.IoBuffer;

/**
 * Cuts a TCP/TLS byte stream into RADIUS packets by their Length field (RFC 6614 section 2.5). A Length outside
 * 20..4096 means the stream cannot be resynchronised: the caller must close the connection.
 */
final class PacketFramer {
    private final IoBuffer pending = IoBuffer.allocate(4096).setAutoExpand(true);

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

    void feed(IoBuffer in, Sink sink) throws FramingException {
        pending.put(in);
        pending.flip();
        while (pending.remaining() >= 4) {
            int start = pending.position();
            int length = pending.getUnsignedShort(start + 2);
            if (length < 20 || length > 4096) {
                throw new FramingException("a packet Length of " + length + " is outside 20..4096");
            }
            if (pending.remaining() < length) {
                break;
            }
            byte[] packet = new byte[length];
            pending.get(packet);
            sink.packet(packet);
        }
        pending.compact();
    }
}
