package dev.radsec.pki.internal;

import dev.radsec.common.AtomicFiles;
import dev.radsec.common.KillLoop;
import dev.radsec.pki.CertificateProfile;
import dev.radsec.pki.KeyAlgorithm;
import dev.radsec.pki.RevocationReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The child of {@link CaFilesKillTest}: what a PKI writes, through the real code, until it is killed. At start it
 * does what a restart does (the CA created when missing, its CRL published, the latest development PKI completed),
 * then loops: every second round a new development PKI {@code dev-<r>} is generated, the organisation CA issues
 * {@code certs/leaf-<i>} with a PKCS#12 file, revokes every third one (publishing a CRL) or publishes a CRL, and a
 * trust store anchor is replaced.
 */
public final class CaFilesWriter {
    static final char[] PASSWORD = "kill-test".toCharArray();
    static final String CA = "ca";
    static final String CERTS = "certs";
    static final Path ANCHOR = Path.of("trust", "store", "anchor.pem");
    static final Pattern LEAF = Pattern.compile("leaf-(\\d+)\\.(crt|key|p12)(\\.interrupted)?");
    static final Pattern ROUND = Pattern.compile("dev-(\\d+)");

    private CaFilesWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        OrganisationCaImpl ca = new OrganisationCaImpl(dir.resolve(CA), Clock.systemUTC());
        if (!ca.exists()) {
            ca.create("CN=Kill Test CA,O=Example", KeyAlgorithm.EC_P256, Duration.ofDays(3650));
        }
        ca.publishCrl(); // as OrganisationCaComponent does at every start
        Path certs = dir.resolve(CERTS);
        AtomicFiles.createDirectories(certs, null);
        AtomicFiles.createDirectories(dir.resolve(ANCHOR).getParent(), null);
        int round = highest(dir, ROUND);
        if (round >= 0) {
            // What a start does in Karaf: OrganisationCaComponent publishes the CRL of the CA if it exists, and
            // DevelopmentPkiComponent creates what is missing.
            OrganisationCaImpl devCa = new OrganisationCaImpl(dir.resolve("dev-" + round).resolve(CA), Clock.systemUTC());
            if (devCa.exists()) {
                devCa.publishCrl();
            }
            developmentPki(dir, round).ensure("CN=Dev CA " + round, "localhost", "client-" + round);
        }
        int i = highest(certs, LEAF) + 1;
        System.out.println(KillLoop.READY);
        System.out.flush();
        for (; ; i++) {
            if (i % 2 == 0) {
                round++;
                developmentPki(dir, round).ensure("CN=Dev CA " + round, "localhost", "client-" + round);
            }
            ca.issue(CertificateProfile.builder("leaf-" + i).dnsName("leaf-" + i + ".example.org")
                            .usage(CertificateProfile.Usage.CLIENT).validity(Duration.ofDays(30)).build(),
                    certs.resolve("leaf-" + i + ".crt"), certs.resolve("leaf-" + i + ".key"),
                    certs.resolve("leaf-" + i + ".p12"), PASSWORD);
            Path previous = certs.resolve("leaf-" + (i - 1) + ".crt");
            if (i % 3 == 0 && Files.exists(previous)) {
                ca.revoke(CertificateReader.loadCertificates(previous).get(0).getSerialNumber(),
                        RevocationReason.KEY_COMPROMISE);
            } else {
                ca.publishCrl();
            }
            X509Certificate anchor = round >= 0 && i % 2 == 1
                    ? new OrganisationCaImpl(dir.resolve("dev-" + round).resolve(CA), Clock.systemUTC()).certificate()
                    : ca.certificate();
            PemWriter.replace(dir.resolve(ANCHOR), anchor);
        }
    }

    static DevelopmentPki developmentPki(Path dir, int round) {
        Path base = dir.resolve("dev-" + round);
        return new DevelopmentPki(new OrganisationCaImpl(base.resolve(CA), Clock.systemUTC()), base.resolve(CERTS));
    }

    /** The highest number in the names in {@code dir} that match {@code pattern}; -1 when none does. */
    static int highest(Path dir, Pattern pattern) throws IOException {
        int highest = -1;
        if (!Files.isDirectory(dir)) {
            return highest;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    highest = Math.max(highest, Integer.parseInt(m.group(1)));
                }
            }
        }
        return highest;
    }
}
