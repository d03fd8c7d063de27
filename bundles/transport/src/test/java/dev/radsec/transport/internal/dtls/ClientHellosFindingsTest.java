package dev.radsec.transport.internal.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Datagrams {@link DtlsHelloFuzzTest} found that {@link ClientHellos} took for a whole ClientHello when they are not. */
class ClientHellosFindingsTest {

    /** The input DtlsHelloFuzzTest found: withoutCookie threw IllegalArgumentException ("capacity < 0: (-120 < 0)"). */
    private static final String FOUND = "16feff0000000000000000006c010000600000000000000060feffc9bba414a97900dab9d29108d83e140039c009c01300340035002f00ff01000024000b020403000102000a000c000a001d0017001e0019001800230000040301fffdfff5fff1ff0a001d0017001e00190018000023000000160000170000";

    @Test
    void theFoundHelloIsNoWholeHello() {
        ByteBuffer d = ByteBuffer.wrap(HexFormat.of().parseHex(FOUND));
        assertEquals(-1, ClientHellos.cookieLength(d));
    }

    @Test
    void aHelloWhoseCookieRunsPastItsRecordIsNoWholeHello() {
        // The same, made by hand: the cookie's length octet is the record's last, the cookie itself lies past the
        // record; cookieLength said 32, and withoutCookie (what primes an engine once the cookie is valid, and the
        // octets past the record can be made to hold a valid one) threw BufferOverflowException.
        int body = 2 + 32 + 1 + 1; // version, random, empty session id, the cookie's length octet
        ByteBuffer d = ByteBuffer.allocate(13 + 12 + body + 32 + 8);
        d.put((byte) 22).putShort((short) 0xFEFD).putShort((short) 0).putShort((short) 0).putInt(0) // epoch, seq
                .putShort((short) (12 + body));
        d.put((byte) 1).put((byte) 0).putShort((short) body).putShort((short) 0) // ClientHello, length, message_seq
                .put((byte) 0).putShort((short) 0).put((byte) 0).putShort((short) body); // fragment offset and length
        d.putShort((short) 0xFEFD).put(new byte[32]).put((byte) 0).put((byte) 32);
        d.put(new byte[32 + 8]); // the cookie and more, past the record
        d.flip();
        assertEquals(-1, ClientHellos.cookieLength(d));
    }
}
