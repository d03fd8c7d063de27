package dev.radsec.transport.internal.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.fuzz.FuzzTarget;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a DTLS listener reads of any datagram before a handshake exists ({@link ClientHellos}, {@link HelloCookies}):
 * nothing may throw. A datagram that {@link ClientHellos#cookieLength} takes for a ClientHello gets a
 * HelloVerifyRequest or none, and {@link ClientHellos#withoutCookie} (what primes an engine) must work on it. For a
 * hello without a cookie, the hello a client sends back with our cookie in it must pass {@link HelloCookies#valid},
 * and taking the cookie out again must give the first hello (record and message sequence numbers zeroed).
 * In the package of those classes, which is internal. Seeds: DTLS 1.2 and 1.0 ClientHellos of openssl 3 and of the
 * JDK ({@code fuzz/dtls-hello}).
 */
class DtlsHelloFuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 20_000;
    private static final FuzzTarget TARGET = new FuzzTarget("dtls-hello", RUNS);
    private static final HelloCookies COOKIES = new HelloCookies();
    private static final InetSocketAddress FROM = new InetSocketAddress("192.0.2.7", 40000);
    private static final int RECORD_HEADER = 13;

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void hello(byte[] input) {
        TARGET.ran();
        ByteBuffer datagram = ByteBuffer.wrap(input);
        int cookie = ClientHellos.cookieLength(datagram);
        if (cookie < 0) {
            return;
        }
        ClientHellos.withoutCookie(datagram);
        COOKIES.valid(datagram, FROM);
        ByteBuffer verify = COOKIES.helloVerifyRequest(datagram, FROM);
        if (cookie == 0 && verify != null) {
            // the client's second hello: the first with our cookie
            byte[] ours = Arrays.copyOfRange(verify.array(), 28, 28 + (verify.get(27) & 0xFF));
            ByteBuffer second = withCookie(datagram, ours);
            assertTrue(COOKIES.valid(second, FROM), "our own cookie is refused");
            assertArrayEquals(firstSent(datagram), ClientHellos.withoutCookie(second).array(), "the first hello");
        }
    }

    /**
     * The datagram with {@code cookie} put in its hello, record and message sequence 1, as a client sends it again
     * (what follows the record stays: the cookie is computed over the octets where the hello's fields say they are).
     */
    private static ByteBuffer withCookie(ByteBuffer hello, byte[] cookie) {
        int at = ClientHellos.cookieAt(hello);
        int recordLength = hello.getShort(11) & 0xFFFF;
        ByteBuffer out = ByteBuffer.allocate(hello.limit() + cookie.length);
        out.put(hello.duplicate().limit(at).position(0));
        out.put((byte) cookie.length).put(cookie);
        out.put(hello.duplicate().position(at + 1));
        out.flip();
        out.put(10, (byte) 1); // record sequence number 1
        out.putShort(11, (short) (recordLength + cookie.length));
        int body = recordLength - 12 + cookie.length;
        uint24(out, RECORD_HEADER + 1, body);
        out.putShort(RECORD_HEADER + 4, (short) 1); // message_seq 1
        uint24(out, RECORD_HEADER + 9, body);
        assertEquals(cookie.length, ClientHellos.cookieLength(out), "a hello with a cookie put in");
        return out;
    }

    /** The hello's record as first sent: record sequence and message_seq zero. */
    private static byte[] firstSent(ByteBuffer hello) {
        int recordLength = hello.getShort(11) & 0xFFFF;
        byte[] b = Arrays.copyOf(hello.array(), RECORD_HEADER + recordLength);
        Arrays.fill(b, 5, 11, (byte) 0);
        b[RECORD_HEADER + 4] = 0;
        b[RECORD_HEADER + 5] = 0;
        return b;
    }

    private static void uint24(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >> 16)).put(at + 1, (byte) (v >> 8)).put(at + 2, (byte) v);
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
