package dev.radsec.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.DictionaryException;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.Vendor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FreeRADIUS-format dictionary loader ({@code Dictionary.load}, {@code Dictionary.standardWith}) on any file:
 * only {@link DictionaryException} may come out. The input is written as {@code dictionary} into a directory of its
 * own, beside two files it may {@code $INCLUDE} ({@code dictionary.rfc2865}, {@code dictionary.vendor}). A
 * dictionary that loads is walked, and then used to decode real packets, which must decode and unfold as with any
 * other dictionary ({@link DecodedPackets}): a definition the loader accepts must not break the codec.
 * Seeds: FreeRADIUS 3.2.1's dictionaries (every vendor format, TLVs, extended and EVS attributes), the bundled RFC
 * ones and the test suite's ({@code fuzz/dictionary}).
 */
class DictionaryFuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 2_000;
    private static final FuzzTarget TARGET = new FuzzTarget("dictionary", RUNS);
    private static final Path DIR = sandbox();
    private static final Path FILE = DIR.resolve("dictionary");
    private static final List<byte[]> PACKETS = packets();

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void loadDictionary(byte[] input) throws Exception {
        TARGET.ran();
        Files.write(FILE, input);
        Dictionary loaded;
        try {
            loaded = Dictionary.load(FILE);
        } catch (DictionaryException expected) {
            return;
        }
        use(loaded);
        if (input.length % 64 == 0) {
            // On top of the standard dictionary too (its own redefinition rules), for one input in 64: reading
            // the bundled files again takes 8 ms, a hundred times the rest of an input.
            try {
                use(Dictionary.standardWith(FILE));
            } catch (DictionaryException expected) {
                // e.g. a name the standard dictionary gives another number
            }
        }
    }

    private static void use(Dictionary d) throws RadiusDecodeException {
        for (AttributeDefinition a : d.attributes()) {
            d.attribute(a.name()).orElseThrow();
            a.oid();
            a.values();
            a.parent();
        }
        for (Vendor v : d.vendors()) {
            d.vendor(v.name()).orElseThrow();
            d.vendor(v.id()).orElseThrow();
        }
        for (int type = 1; type <= 255; type++) {
            d.attribute(type);
        }
        d.files();
        PacketCodec codec = new PacketCodec(d);
        for (byte[] p : PACKETS) {
            DecodedPackets.walk(codec.decodeUnverified(p, 0, p.length));
        }
    }

    private static Path sandbox() {
        try {
            Path dir = Files.createTempDirectory("dictionary-fuzz");
            dir.toFile().deleteOnExit();
            FuzzTarget corpus = new FuzzTarget("dictionary", 0);
            for (Path seed : corpus.seedFiles()) {
                String name = seed.getFileName().toString();
                if (name.equals("bundled-dictionary.rfc2865")) {
                    Files.copy(seed, dir.resolve("dictionary.rfc2865"));
                } else if (name.equals("test-dictionary.test-usr")) {
                    Files.copy(seed, dir.resolve("dictionary.vendor"));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The larger captured requests and responses: VSAs, tags, hidden, extended and concatenated attributes. */
    private static List<byte[]> packets() {
        return Stream.of("decode-request", "decode-response")
                .flatMap(name -> new FuzzTarget(name, 0).seedFiles().stream())
                .filter(p -> size(p) >= 150)
                .map(DictionaryFuzzTest::read).toList();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
