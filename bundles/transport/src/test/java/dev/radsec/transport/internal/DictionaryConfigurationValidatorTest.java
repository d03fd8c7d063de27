package dev.radsec.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.common.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dev.radsec.dictionary} is refused, with the file and line, when its tree would not load. */
class DictionaryConfigurationValidatorTest {
    @TempDir
    Path dir;
    private final DictionaryConfigurationValidator validator = new DictionaryConfigurationValidator();

    @Test
    void aTreeThatLoadsOrNoPathIsAccepted() throws Exception {
        Path site = Files.writeString(dir.resolve("dictionary.site"),
                "VENDOR Example 32473\nBEGIN-VENDOR Example\nATTRIBUTE Example-Role 1 string\nEND-VENDOR Example\n");
        validator.validate(Map.of("path", site.toString()));
        validator.validate(Map.of("path", " "));
        validator.validate(Map.of());
    }

    @Test
    void aTreeThatDoesNotLoadIsRefusedWithItsFileAndLine() throws Exception {
        Path main = Files.writeString(dir.resolve("dictionary"), "$INCLUDE dictionary.broken\n");
        Path broken = Files.writeString(dir.resolve("dictionary.broken"),
                "ATTRIBUTE Example-Fine 1 string\nATTRIBUTE Example-Broken 2\n");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> validator.validate(Map.of("path", main.toString())));
        assertEquals("path", e.key());
        assertTrue(e.getMessage().startsWith("path: " + broken + ":2: "), e.getMessage());
        InvalidConfigurationException missing = assertThrows(InvalidConfigurationException.class,
                () -> validator.validate(Map.of("path", dir.resolve("absent").toString())));
        assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
    }
}
