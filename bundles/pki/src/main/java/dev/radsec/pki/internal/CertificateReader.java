package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.CredentialFileContent.isPem;
import static dev.radsec.pki.internal.CredentialFileContent.pemObjects;
import static dev.radsec.pki.internal.CredentialFileContent.read;
import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;

/**
 * Reads X.509 certificates from PEM files (one or more) and DER files, and trust anchors from files or
 * directories. Bouncy Castle splits the PEM; the JDK's {@code X.509} factory makes the certificates, so they are
 * plain JDK objects JSSE takes.
 */
final class CertificateReader {

    /** OpenSSL's {@code c_rehash} names: {@code <8 hex digits>.<n>}; CRLs are {@code .r<n>} and do not match. */
    private static final Pattern HASHED_NAME = Pattern.compile("[0-9a-fA-F]{8}\\.[0-9]+");

    private CertificateReader() {
    }

    /**
     * Loads trust anchors: a PEM file with one or more certificates (or a DER certificate), or a directory, of which
     * the files named {@code *.pem}, {@code *.crt}, {@code *.cer} and OpenSSL's hashed names ({@code 1a2b3c4d.0}) are
     * read; there, files holding only other PEM objects (a CRL, say) are skipped. Duplicates (hashed-name links) are
     * dropped. Every certificate must be a CA certificate (basicConstraints cA=true).
     */
    static List<X509Certificate> loadCaCertificates(Path fileOrDirectory) throws CredentialFileException {
        Set<X509Certificate> all = new LinkedHashSet<>();
        for (Sourced<X509Certificate> c : loadAnchors(fileOrDirectory)) {
            all.add(c.item());
        }
        return Collections.unmodifiableList(new ArrayList<>(all));
    }

    /**
     * As {@link #loadCaCertificates}, each certificate with the file it was read from: the file itself, or the file
     * in the directory. A certificate in several files of a directory is listed once per file.
     */
    static List<Sourced<X509Certificate>> loadAnchors(Path fileOrDirectory) throws CredentialFileException {
        List<Sourced<X509Certificate>> out = new ArrayList<>();
        if (Files.isDirectory(fileOrDirectory)) {
            for (Path file : directoryEntries(fileOrDirectory)) {
                for (X509Certificate c : certificates(file, read(file), true)) {
                    requireCa(file, c);
                    out.add(new Sourced<>(file, c));
                }
            }
            if (out.isEmpty()) {
                throw new CredentialFileException(fileOrDirectory, Kind.UNREADABLE,
                        "no CA certificate found in this directory (read: *.pem, *.crt, *.cer and OpenSSL hashed names)");
            }
            return Collections.unmodifiableList(out);
        }
        for (X509Certificate c : new LinkedHashSet<>(certificates(fileOrDirectory, read(fileOrDirectory), false))) {
            requireCa(fileOrDirectory, c);
            out.add(new Sourced<>(fileOrDirectory, c));
        }
        return Collections.unmodifiableList(out);
    }

    /** Loads the certificates of a PEM file (or one DER certificate), in file order, without further checks. */
    static List<X509Certificate> loadCertificates(Path file) throws CredentialFileException {
        return Collections.unmodifiableList(certificates(file, read(file), false));
    }

    /**
     * The certificates in PEM or DER {@code bytes}. Other PEM objects (keys, CRLs, EC parameters) are skipped; with
     * {@code noneIsFine} a PEM file with only such objects gives an empty list instead of an error.
     */
    static List<X509Certificate> certificates(Path file, byte[] bytes, boolean noneIsFine)
            throws CredentialFileException {
        List<X509Certificate> out = new ArrayList<>();
        if (isPem(bytes)) {
            for (Object o : pemObjects(file, bytes)) {
                if (o instanceof X509CertificateHolder) {
                    out.add(toCertificate(file, (X509CertificateHolder) o));
                } else if (o instanceof X509TrustedCertificateBlock) {
                    out.add(toCertificate(file, ((X509TrustedCertificateBlock) o).getCertificateHolder()));
                }
            }
            if (out.isEmpty() && !noneIsFine) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "no certificate found in this PEM file");
            }
            return out;
        }
        if (bytes.length == 0) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "empty file: no PEM object found");
        }
        if (bytes[0] != 0x30) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no PEM object found, and not a DER certificate");
        }
        try {
            for (Certificate c : x509Factory().generateCertificates(new ByteArrayInputStream(bytes))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no PEM object found, and not a DER certificate: "
                    + describe(e), e);
        }
        if (out.isEmpty()) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no certificate found");
        }
        return out;
    }

    /** The JDK's X.509 factory, which also makes CRLs. */
    static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }

    private static X509Certificate toCertificate(Path file, X509CertificateHolder holder) throws CredentialFileException {
        try {
            return (X509Certificate) x509Factory().generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (CertificateException | IOException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt certificate: " + describe(e), e);
        }
    }

    private static List<Path> directoryEntries(Path directory) throws CredentialFileException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                boolean wanted = lower.endsWith(".pem") || lower.endsWith(".crt") || lower.endsWith(".cer")
                        || HASHED_NAME.matcher(name).matches();
                if (wanted && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw CredentialFileContent.failure(directory, "listed", e);
        }
        Collections.sort(files);
        return files;
    }

    private static void requireCa(Path file, X509Certificate c) throws CredentialFileException {
        if (c.getBasicConstraints() < 0) {
            throw new CredentialFileException(file, Kind.NOT_A_CA, "not a CA certificate: basicConstraints cA is not true"
                    + " in the certificate of " + c.getSubjectX500Principal().getName());
        }
    }
}
