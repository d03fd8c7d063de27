package dev.radsec.transport.internal;

import dev.radsec.common.ManualScheduler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Encryption;
import dev.radsec.codec.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PID dev.radsec.dictionary: an operator's tree on top of the bundled dictionary, reloaded when edited. */
class DictionaryServiceTest {
    private static final String SITE = "VENDOR Example 32473\n"
            + "BEGIN-VENDOR Example\n"
            + "ATTRIBUTE Example-Role 1 string\n"
            + "END-VENDOR Example\n";

    @TempDir
    Path dir;
    private final ManualScheduler timer = new ManualScheduler(Instant.parse("2026-12-02T00:00:00Z"));
    private final DictionaryService service = new DictionaryService(timer);

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void withoutAPathItIsTheBundledDictionaryWithTheMicrosoftAttributes() {
        service.configure(Map.of());
        assertSame(Dictionary.standard(), service.current());
        assertEquals(Encryption.TUNNEL_PASSWORD,
                service.current().attribute("MS-MPPE-Send-Key").orElseThrow().encryption());
    }

    @Test
    void theOperatorsFilesAddTheirVendorsOnTopOfTheBundledOnes() throws Exception {
        Path file = write("dictionary", "$INCLUDE dictionary.example\n");
        write("dictionary.example", SITE);
        service.configure(Map.of("path", file.toString()));
        assertEquals(32473, service.current().attribute("Example-Role").orElseThrow().vendor().orElseThrow().id());
        assertTrue(service.current().attribute("User-Name").isPresent());
        assertSame(service.current(), service.codec().dictionary(), "the codec decodes with it");
    }

    @Test
    void anEditedFileIsReloadedOnceTheWritesSettleAndABrokenOneLeavesTheLastGood() throws Exception {
        Path file = write("dictionary", "$INCLUDE dictionary.example\n");
        write("dictionary.example", SITE);
        service.configure(Map.of("path", file.toString()));

        write("dictionary.example", SITE + "BEGIN-VENDOR Example\nATTRIBUTE Example-Zone 2 string\nEND-VENDOR Example\n");
        settle();
        assertTrue(service.current().attribute("Example-Zone").isPresent(), "picked up with no restart");

        Dictionary good = service.current();
        write("dictionary.example", SITE + "ATTRIBUTE Broken\n");
        settle();
        assertSame(good, service.current(), "a file that does not load is refused; the last good stays");

        write("dictionary.example", SITE);
        settle();
        assertFalse(service.current().attribute("Example-Zone").isPresent(), "and the fix is seen");
    }

    @Test
    void debiansWholeFreeRadiusTreeLoads() {
        Path tree = Path.of("/usr/share/freeradius/dictionary");
        Peers.assumeInstalled(tree, "freeradius-common");
        service.configure(Map.of("path", tree.toString()));
        assertEquals(9, service.current().attribute("Cisco-AVPair").orElseThrow().vendor().orElseThrow().id());
        assertTrue(service.current().files().size() > 100, "files watched: " + service.current().files().size());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Waits for the file watcher to arm the reload, then lets the settle time pass on the test's clock. */
    private void settle() throws InterruptedException {
        timer.awaitPending(Duration.ofSeconds(20));
        timer.advance(DictionaryService.SETTLE);
    }
}
