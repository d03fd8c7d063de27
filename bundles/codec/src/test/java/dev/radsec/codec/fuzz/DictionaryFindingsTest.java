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

    @Test
    void anIncludeOfANameWithANulCharacterIsADictionaryError(@TempDir Path dir) throws Exception {
        // Found by DictionaryFuzzTest: Path.of threw InvalidPathException ("Nul character not allowed").
        Path file = dir.resolve("dictionary");
        Files.write(file, "ATTRIBUTE\tA\t1\tstring\n$INCLUDE dictionah\0e\n".getBytes(StandardCharsets.ISO_8859_1));
        DictionaryException e = assertThrows(DictionaryException.class, () -> Dictionary.load(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("not a file name"), e.getMessage());
    }

    @Test
    void anAttributeNumberOfADotAloneIsADictionaryError(@TempDir Path dir) throws Exception {
        // Found by DictionaryFuzzTest's long run: "." split into no number at all, ArrayIndexOutOfBoundsException.
        Path file = dir.resolve("dictionary");
        Files.writeString(file, "# -*- text -*-\nATTRIBUTE\tMS-CHAP-Response1\t.\toctets[50]\n");
        DictionaryException e = assertThrows(DictionaryException.class, () -> Dictionary.load(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("attribute number '.' has an empty part"), e.getMessage());
    }

    @Test
    void concatIsForOctetsOnly(@TempDir Path dir) throws Exception {
        // Found by DictionaryFuzzTest's long run: EAP-Message redefined as "uint8 concat" loaded, and its joined
        // fragments (1027 octets) then made Attribute.asInt throw on a decoded packet. FreeRADIUS refuses it too.
        Path file = dir.resolve("dictionary");
        Files.writeString(file, "ATTRIBUTE   EAP-Message                 79   uint8   concat\n");
        DictionaryException e = assertThrows(DictionaryException.class, () -> Dictionary.load(file));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("concat is for attributes of type octets, not uint8 (EAP-Message)"),
                e.getMessage());
    }
}
