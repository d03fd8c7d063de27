package dev.radsec.transport.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A client's PSK identity is checked before any lookup, and shown safely in logs. */
class PskIdentityTest {
    @Test
    void anIdentityOfPrintableUtf8UpTo128OctetsIsLookedUp() {
        assertEquals("nas-17@site-a", PskServer.validIdentity(bytes("nas-17@site-a")));
        assertEquals("zürich-ap", PskServer.validIdentity(bytes("zürich-ap")));
        assertEquals("a".repeat(128), PskServer.validIdentity(bytes("a".repeat(128))));
    }

    @Test
    void emptyLongControlAndBrokenUtf8IdentitiesAreNotLookedUp() {
        assertNull(PskServer.validIdentity(new byte[0]));
        assertNull(PskServer.validIdentity(bytes("a".repeat(129))));
        assertNull(PskServer.validIdentity(bytes("nas\n17")));
        assertNull(PskServer.validIdentity(bytes("nas\u007f")));
        assertNull(PskServer.validIdentity(new byte[] {'a', (byte) 0xC3})); // a truncated two-octet sequence
        assertNull(PskServer.validIdentity(new byte[] {(byte) 0xFF, 'a'}));
    }

    @Test
    void aRefusedIdentityIsShownPrintableAndShort() {
        assertEquals("nas\\x0a17\\x5c", PskServer.shown(bytes("nas\n17\\")));
        assertEquals("x".repeat(64) + "...", PskServer.shown(bytes("x".repeat(200))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
