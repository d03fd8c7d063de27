package dev.radsec.transport.internal.dtls;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Our stateless cookie in front of a DTLS listener (RFC 6347 section 4.2.1): a ClientHello from an address without a
 * session gets a HelloVerifyRequest carrying {@code HMAC(secret, address, port, hello parameters)}, made here with
 * no engine and no state; only a ClientHello that returns it gets an engine. A forged source address so costs one
 * HMAC and one small datagram.
 *
 * <p>The secret is random per listener. The cookie binds the client's address and port and its ClientHello's
 * version, random, session id, cipher suites and compression methods, which a client sends again unchanged.
 */
public final class HelloCookies {
    private static final int RECORD_HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;
    private static final int COOKIE_LENGTH = 16;
    private final ThreadLocal<Mac> macs;

    public HelloCookies() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
        macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        });
    }

    /** Whether the ClientHello in {@code hello} ({@link ClientHellos#cookieLength} at least 0) carries our cookie. */
    public boolean valid(ByteBuffer hello, InetSocketAddress from) {
        int at = ClientHellos.cookieAt(hello);
        byte[] expected = cookie(hello, from);
        if (at < 0 || expected == null || (hello.get(at) & 0xFF) != COOKIE_LENGTH) {
            return false;
        }
        byte[] cookie = new byte[COOKIE_LENGTH];
        hello.duplicate().position(at + 1).get(cookie);
        return MessageDigest.isEqual(expected, cookie);
    }

    /**
     * A HelloVerifyRequest for the ClientHello in {@code hello} (RFC 6347: DTLS 1.0 version, its sequence numbers);
     * null when the hello is too damaged to bind a cookie to.
     */
    public ByteBuffer helloVerifyRequest(ByteBuffer hello, InetSocketAddress from) {
        byte[] cookie = cookie(hello, from);
        if (cookie == null) {
            return null;
        }
        int p = hello.position();
        int body = 2 + 1 + cookie.length;
        ByteBuffer reply = ByteBuffer.allocate(RECORD_HEADER + HANDSHAKE_HEADER + body);
        reply.put((byte) 22).putShort((short) 0xFEFF).putShort((short) 0);
        reply.put(hello.duplicate().limit(p + 11).position(p + 5)); // the ClientHello's record sequence number
        reply.putShort((short) (HANDSHAKE_HEADER + body));
        reply.put((byte) 3);
        putUint24(reply, body);
        reply.putShort(hello.getShort(p + RECORD_HEADER + 4)); // its message_seq
        putUint24(reply, 0);
        putUint24(reply, body);
        reply.putShort((short) 0xFEFF).put((byte) cookie.length).put(cookie);
        return reply.flip();
    }

    /** The cookie for this hello from this address; null when its fields run past the record. */
    private byte[] cookie(ByteBuffer hello, InetSocketAddress from) {
        try {
            return cookieOf(hello, from);
        } catch (IndexOutOfBoundsException | IllegalArgumentException damaged) {
            return null;
        }
    }

    private byte[] cookieOf(ByteBuffer hello, InetSocketAddress from) {
        int p = hello.position();
        int cookieAt = ClientHellos.cookieAt(hello);
        int parameters = p + RECORD_HEADER + HANDSHAKE_HEADER;
        int suites = cookieAt + 1 + (hello.get(cookieAt) & 0xFF);
        int suitesEnd = suites + 2 + (hello.getShort(suites) & 0xFFFF);
        int compressionEnd = suitesEnd + 1 + (hello.get(suitesEnd) & 0xFF);
        Mac mac = macs.get();
        mac.update(from.getAddress().getAddress());
        mac.update((byte) (from.getPort() >> 8));
        mac.update((byte) from.getPort());
        mac.update(hello.duplicate().limit(cookieAt).position(parameters)); // version, random, session id
        mac.update(hello.duplicate().limit(compressionEnd).position(suites)); // cipher suites, compression
        return Arrays.copyOf(mac.doFinal(), COOKIE_LENGTH);
    }

    private static void putUint24(ByteBuffer b, int v) {
        b.put((byte) (v >> 16)).put((byte) (v >> 8)).put((byte) v);
    }
}
