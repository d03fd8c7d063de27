package dev.radsec.codec.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.DictionaryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs {@link DictionaryFuzzTest} found that made the loader throw something other than its own exception. */
class DictionaryFindingsTest {
    @TempDir
    Path dir;

    @Test
    void anIncludeOfANameWithANulCharacterIsADictionaryError() throws Exception {
        // Found by DictionaryFuzzTest: Path.of threw InvalidPathException ("Nul character not allowed").
        assertRefused("ATTRIBUTE\tA\t1\tstring\n$INCLUDE dictionah\0e\n", 2, "not a file name");
    }

    @Test
    void anAttributeNumberOfADotAloneIsADictionaryError() throws Exception {
        // Found by DictionaryFuzzTest's long run: "." split into no number at all, ArrayIndexOutOfBoundsException.
        assertRefused("# -*- text -*-\nATTRIBUTE\tMS-CHAP-Response1\t.\toctets[50]\n", 2,
                "attribute number '.' has an empty part");
    }

    @Test
    void concatIsForOctetsOnly() throws Exception {
        // Found by DictionaryFuzzTest's long run: EAP-Message redefined as "uint8 concat" loaded, and its joined
        // fragments (1027 octets) then made Attribute.asInt throw on a decoded packet. FreeRADIUS refuses it too.
        assertRefused("ATTRIBUTE   EAP-Message                 79   uint8   concat\n", 1,
                "concat is for attributes of type octets, not uint8 (EAP-Message)");
    }

    private void assertRefused(String text, int line, String reason) throws Exception {
        Path file = dir.resolve("dictionary");
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        DictionaryException e = assertThrows(DictionaryException.class, () -> Dictionary.load(file));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
