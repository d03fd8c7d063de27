package dev.radsec.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import org.junit.jupiter.api.Test;

class UsersFileTest {
    private static final Dictionary DICT = Dictionary.standard();

    @Test
    void usersWithPasswordsAndReplyAttributesCommentsAndQuotedCommas() {
        UsersFile f = UsersFile.parse(String.join("\n",
                "# demo",
                "alice Cleartext-Password := \"alice-pw\"   # trailing comment",
                "\tReply-Message = \"Hello, alice\",",
                "\tSession-Timeout = 3600",
                "",
                "bob Cleartext-Password := \"b#b\""), DICT);
        assertEquals(2, f.size());
        UsersFile.User alice = f.user("alice").orElseThrow();
        assertEquals("alice-pw", alice.password());
        assertEquals(2, alice.reply().size());
        assertEquals("Hello, alice", alice.reply().get(0).asString());
        assertEquals(3600, alice.reply().get(1).asInt());
        assertEquals("b#b", f.user("bob").orElseThrow().password());
        assertTrue(f.user("carol").isEmpty());
        assertFalse(alice.toString().contains("alice-pw"));
    }

    @Test
    void aBadFileIsRefusedWithItsLineNumber() {
        assertEquals("line 2: only Cleartext-Password := \"...\" is understood, not 'Crypt-Password := \"x\"'",
                assertThrows(IllegalArgumentException.class, () -> UsersFile.parse(
                        "\nalice Crypt-Password := \"x\"", DICT)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsersFile.parse(
                "alice Cleartext-Password := \"x\"\n  Session-Timeout = soon", DICT)).getMessage().startsWith("line 2:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsersFile.parse(
                "  Reply-Message = \"orphan\"", DICT)).getMessage().startsWith("line 1:"));
    }
}
