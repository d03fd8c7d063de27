package dev.radsec.pki.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.radsec.codec.fuzz.FuzzTarget;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRL readers on any file or HTTP body: {@link CrlReader} may only throw {@link CredentialFileException}, and
 * the parse {@link CrlFetcher} does of a distribution point's answer only the {@link CRLException} it catches. Every CRL that parses is then used as a trust store uses it: its
 * signature checked against the corpus's CA (only {@link GeneralSecurityException}, as
 * {@code TrustStores.requireSignedByCa} catches), and a chain that CA issued validated against it with revocation
 * checked ({@link TrustMaterial#validate}: only {@link CertificateException}) and looked up in it
 * ({@link TrustMaterial#revokes}). In the readers' package, which is internal. Seeds: openssl 3's CRLs, empty and
 * with revoked certificates, PEM and DER ({@code fuzz/crl}).
 */
class CrlFuzzTest {
    /** Inputs per run in the build: a few seconds' worth. */
    private static final long RUNS = 2_000;
    private static final FuzzTarget TARGET = new FuzzTarget("crl", RUNS);
    private static final Path FILE = PkiFuzzFiles.file("fuzz.crl");
    private static final X509Certificate CA = PkiFuzzFiles.corpusCertificates("ca-ec.pem").get(0);
    private static final X509Certificate[] CHAIN = PkiFuzzFiles.corpusCertificates("chain-ec.pem")
            .toArray(new X509Certificate[0]);
    /** Within the corpus certificates' validity. */
    private static final Instant AT = CHAIN[0].getNotBefore().toInstant().plusSeconds(60);

    static Stream<Arguments> seeds() {
        return TARGET.seeds();
    }

    @MethodSource("seeds")
    @FuzzTest(maxExecutions = RUNS, maxDuration = FuzzTarget.MAX_DURATION)
    void readCrl(byte[] input) {
        TARGET.ran();
        List<X509CRL> crls = new ArrayList<>();
        PkiFuzzFiles.write(FILE, input);
        try {
            crls.addAll(CrlReader.loadCrls(FILE));
        } catch (CredentialFileException expected) {
            // the one allowed failure
        }
        try {
            // as CrlFetcher.fetch parses a distribution point's answer
            crls.add((X509CRL) CertificateReader.x509Factory().generateCRL(new ByteArrayInputStream(input)));
        } catch (CRLException expected) {
            // what the fetcher catches
        }
        for (X509CRL crl : crls) {
            use(crl);
        }
    }

    private static void use(X509CRL crl) {
        crl.getIssuerX500Principal().getName();
        try {
            crl.verify(CA.getPublicKey());
        } catch (GeneralSecurityException expected) {
            // not signed by the CA: the trust store refuses the file
        }
        TrustMaterial store = new TrustMaterial("fuzz", List.of(new Sourced<>(FILE, CA)), List.of(new Sourced<>(FILE, crl)),
                true, null, null);
        try {
            store.validate(CHAIN.clone(), AT);
        } catch (CertificateException expected) {
            // revoked, or no current CRL covers it
        }
        store.revokes(CHAIN[0]);
    }

    @AfterAll
    static void enoughInputs() {
        TARGET.checkInputs();
    }
}
