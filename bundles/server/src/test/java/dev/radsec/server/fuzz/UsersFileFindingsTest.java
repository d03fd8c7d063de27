package dev.radsec.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.radsec.codec.Dictionary;
import dev.radsec.server.UsersFile;
import org.junit.jupiter.api.Test;

/** Inputs {@link UsersFileFuzzTest} found that the parser accepted although the server could not answer with them. */
class UsersFileFindingsTest {
    private static final Dictionary DICT = Dictionary.standard();

    @Test
    void aReplyValueTooLongForItsAttributeIsRefusedWithItsLine() {
        // Found by UsersFileFuzzTest: a Reply-Message of 290 octets or more parsed, and every login of alice then failed
        // when the server encoded its Access-Accept ("Reply-Message: 293 octets exceed the 253 one attribute holds").
        String file = "alice   Cleartext-Password := \"alice-pw\"\n"
                + "        Reply-Message = \"Hello, al" + "\u00ff".repeat(140) + "b\"\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.parse(file, DICT));
        assertEquals("line 2: Reply-Message: 290 octets exceed the 253 one attribute holds", e.getMessage());
    }

    @Test
    void aReplyValueThatFitsStillParses() {
        String file = "alice Cleartext-Password := \"alice-pw\"\n\tReply-Message = \"" + "x".repeat(253) + "\"\n";
        assertEquals(253, UsersFile.parse(file, DICT).user("alice").orElseThrow().reply().get(0).length());
    }
}
