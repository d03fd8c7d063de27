package dev.radsec.transport.internal.dtls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Reading a DTLS ClientHello without an engine, and handing a new JDK engine its first one. The JDK's engines take
 * a first ClientHello only with message_seq 0, and a client that did our cookie exchange ({@link HelloCookies})
 * sends its next with message_seq 1: so a new engine is primed with the hello as the client first sent it (no
 * cookie, message_seq 0; {@link #prime}), and its answer to that is discarded. The first ClientHello and the
 * HelloVerifyRequest are not part of the handshake hash (RFC 6347 section 4.2.6), so priming with a rebuilt one
 * changes nothing the client sees.
 */
public final class ClientHellos {
    /** A handshake record's type. */
    static final int HANDSHAKE = 22;
    static final int CLIENT_HELLO = 1;
    private static final int RECORD_HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;

    private ClientHellos() {
    }

    /** The length of the cookie of the ClientHello in {@code datagram}; -1 when it holds no whole ClientHello. */
    public static int cookieLength(ByteBuffer datagram) {
        int at = cookieAt(datagram);
        return at < 0 ? -1 : datagram.get(at) & 0xFF;
    }

    /** The position of the cookie's length octet, or -1. */
    static int cookieAt(ByteBuffer d) {
        try {
            int p = d.position();
            if (d.remaining() < RECORD_HEADER + HANDSHAKE_HEADER + 2 + 32 + 2 || (d.get(p) & 0xFF) != HANDSHAKE
                    || d.getShort(p + 3) != 0) { // epoch 0: a ClientHello is never encrypted
                return -1;
            }
            int recordLength = d.getShort(p + 11) & 0xFFFF;
            int h = p + RECORD_HEADER;
            int bodyLength = uint24(d, h + 1);
            int fragmentOffset = uint24(d, h + 6);
            int fragmentLength = uint24(d, h + 9);
            if ((d.get(h) & 0xFF) != CLIENT_HELLO || fragmentOffset != 0 || fragmentLength != bodyLength
                    || recordLength != HANDSHAKE_HEADER + bodyLength || d.remaining() < RECORD_HEADER + recordLength) {
                return -1;
            }
            int sessionId = h + HANDSHAKE_HEADER + 2 + 32;
            int cookie = sessionId + 1 + (d.get(sessionId) & 0xFF);
            int end = p + RECORD_HEADER + recordLength;
            // the cookie itself must lie in the record too, not only its length octet
            return cookie < end && cookie + 1 + (d.get(cookie) & 0xFF) <= end ? cookie : -1;
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** The ClientHello of {@code datagram} as the client first sent it: no cookie, message_seq 0, record seq 0. */
    static ByteBuffer withoutCookie(ByteBuffer d) {
        int p = d.position();
        int cookie = cookieAt(d);
        int cookieLength = d.get(cookie) & 0xFF;
        int recordLength = d.getShort(p + 11) & 0xFFFF;
        ByteBuffer out = ByteBuffer.allocate(RECORD_HEADER + recordLength - cookieLength);
        out.put(d.duplicate().limit(cookie).position(p));
        out.put((byte) 0);
        out.put(d.duplicate().limit(p + RECORD_HEADER + recordLength).position(cookie + 1 + cookieLength));
        out.flip();
        int body = recordLength - HANDSHAKE_HEADER - cookieLength;
        for (int i = 5; i < 11; i++) {
            out.put(i, (byte) 0); // record sequence number
        }
        out.putShort(11, (short) (recordLength - cookieLength));
        putUint24(out, RECORD_HEADER + 1, body);
        out.putShort(RECORD_HEADER + 4, (short) 0); // message_seq
        putUint24(out, RECORD_HEADER + 9, body);
        return out;
    }

    /** Primes a new server engine with the first hello of {@code helloWithCookie}; what it answers is discarded. */
    public static void prime(SSLEngine engine, ByteBuffer helloWithCookie) throws SSLException {
        feed(engine, withoutCookie(helloWithCookie));
    }

    /** Feeds a first hello to a new engine; returns what it answers. */
    static List<ByteBuffer> feed(SSLEngine engine, ByteBuffer hello) throws SSLException {
        engine.beginHandshake();
        ByteBuffer application = ByteBuffer.allocate(DtlsSession.MAX_DATAGRAM);
        engine.unwrap(hello, application);
        List<ByteBuffer> out = new ArrayList<>(1);
        for (int i = 0; i < 8; i++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
                    t.run();
                }
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                ByteBuffer net = ByteBuffer.allocate(DtlsSession.MAX_DATAGRAM);
                engine.wrap(ByteBuffer.allocate(0), net);
                out.add(net.flip());
            } else {
                break;
            }
        }
        return out;
    }

    private static int uint24(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 16) | ((b.get(at + 1) & 0xFF) << 8) | (b.get(at + 2) & 0xFF);
    }

    private static void putUint24(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >> 16)).put(at + 1, (byte) (v >> 8)).put(at + 2, (byte) v);
    }
}
