package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.PkiFuzzFiles.PASSWORD;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.fuzz.FuzzTarget;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PKCS#12 reader on any file: only {@link CredentialFileException} may come out. Each input is written to
 * {@code fuzz.p12} and read as a configured PKCS#12 certificate ({@link KeyedChainReader} with no key file, so
 * {@link Pkcs12Reader} with the corpus's password), and told apart from other files by content
 * ({@link Pkcs12Reader#isPkcs12}, which must never throw). In the reader's package, which is internal.
 * Seeds: openssl 3's PKCS#12 files: EC and RSA keys, with a chain, certificate only, AES/PBKDF2 and 3DES/SHA-1, most
 * with one iteration so that fuzzing is not all key derivation ({@code fuzz/pkcs12}).
 */
class Pkcs12FuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 3_000;
    private static final FuzzTarget TARGET = new FuzzTarget("pkcs12", RUNS);
    private static final Path FILE = PkiFuzzFiles.file("fuzz.p12");
    private static final Path UNNAMED = Path.of("certificate");

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void readPkcs12(byte[] input) {
        TARGET.ran();
        Pkcs12Reader.isPkcs12(UNNAMED, input);
        PkiFuzzFiles.write(FILE, input);
        try {
            KeyedChainReader.load(FILE, null, PASSWORD.clone());
        } catch (CredentialFileException expected) {
            // the one allowed failure
        }
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
