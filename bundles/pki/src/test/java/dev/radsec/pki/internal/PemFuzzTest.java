package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.PkiFuzzFiles.PASSWORD;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.fuzz.FuzzTarget;
import dev.radsec.pki.CaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PKI's PEM (and DER) readers on any file: only {@link CredentialFileException} (and, for a certificate
 * request, {@link CaException}) may come out. Each input is written to a file and read as a configured
 * certificate with its key in the same file ({@link KeyedChainReader}), as trust anchors
 * ({@link CertificateReader#loadAnchors}), as a private key ({@link PrivateKeyReader}, encrypted ones with the
 * corpus's password) and as an uploaded certificate request ({@link CsrReader}); the cRLDistributionPoints of every
 * certificate read are parsed as a peer's are ({@link CrlFetcher#distributionPoints}). In the readers' package,
 * which is internal. Seeds: openssl 3's certificates, chains, keys in every format and CSRs ({@code fuzz/pem}).
 */
class PemFuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 2_000;
    private static final FuzzTarget TARGET = new FuzzTarget("pem", RUNS);
    private static final Path FILE = PkiFuzzFiles.file("fuzz.pem");

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void readPem(byte[] input) {
        TARGET.ran();
        PkiFuzzFiles.write(FILE, input);
        try {
            KeyedChain chain = KeyedChainReader.load(FILE, FILE, PASSWORD.clone());
            for (X509Certificate c : chain.chain()) {
                CrlFetcher.distributionPoints(c);
            }
        } catch (CredentialFileException expected) {
            // the one allowed failure
        }
        try {
            for (Sourced<X509Certificate> c : CertificateReader.loadAnchors(FILE)) {
                CrlFetcher.distributionPoints(c.item());
            }
        } catch (CredentialFileException expected) {
            // allowed
        }
        try {
            PrivateKeyReader.read(FILE, PASSWORD.clone());
        } catch (CredentialFileException expected) {
            // allowed
        }
        try {
            CsrReader.verifiedPublicKey(new String(input, StandardCharsets.ISO_8859_1));
        } catch (CaException expected) {
            // allowed
        }
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
