package dev.radsec.pki.internal;

import dev.radsec.codec.fuzz.CaptureCorpus;
import dev.radsec.codec.fuzz.FuzzTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the PKI fuzz targets share: the file each input is written to (the readers read files, as configured), the
 * password of the corpus's encrypted keys and PKCS#12 files, and the corpus's CA and a chain it issued.
 */
final class PkiFuzzFiles {
    static final char[] PASSWORD = CaptureCorpus.PASSWORD.toCharArray();

    private PkiFuzzFiles() {
    }

    /** A file named {@code name} in a directory of its own, on tmpfs when there is one. */
    static Path file(String name) {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "pki-fuzz")
                    : Files.createTempDirectory("pki-fuzz");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A seed of the {@code pem} corpus, read as the PKI reads certificates. */
    static List<X509Certificate> corpusCertificates(String seed) {
        Path file = new FuzzTarget("pem", 0).seedFiles().stream().filter(f -> f.getFileName().toString().equals(seed))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + seed + " in the pem corpus"));
        try {
            return CertificateReader.loadCertificates(file);
        } catch (CredentialFileException e) {
            throw new IllegalStateException(e);
        }
    }
}
