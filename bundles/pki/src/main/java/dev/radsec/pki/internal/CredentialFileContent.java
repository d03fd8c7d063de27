package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;

/**
 * The raw content of a certificate, key or CRL file: its bytes, read within a size limit, and the PEM objects in
 * them. The format readers ({@link CertificateReader}, {@link CrlReader}, {@link PrivateKeyReader},
 * {@link Pkcs12Reader}) start here, so every one reports a missing or unreadable file the same way.
 */
final class CredentialFileContent {

    /** Larger files are refused: no certificate, key or CRL file this PKI reads should be near this. */
    private static final long MAX_FILE_SIZE = 16L * 1024 * 1024;

    private static final byte[] PEM_BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);

    private CredentialFileContent() {
    }

    /**
     * Reads the file's bytes. Missing → {@link Kind#MISSING}; a directory, too large, or not readable →
     * {@link Kind#UNREADABLE}.
     */
    static byte[] read(Path file) throws CredentialFileException {
        if (file == null) {
            throw new IllegalArgumentException("no file given");
        }
        try {
            if (Files.isDirectory(file)) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "is a directory, not a file");
            }
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "too large (over " + MAX_FILE_SIZE
                        + " bytes) for a certificate, key or CRL file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw failure(file, "read", e);
        }
    }

    /**
     * What a failed file operation means for a credential file: {@link Kind#MISSING} when it does not exist, else
     * {@link Kind#UNREADABLE}, saying it "cannot be {@code read}" (or listed, for a directory) and why.
     */
    static CredentialFileException failure(Path file, String operation, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new CredentialFileException(file, Kind.MISSING, "does not exist", e);
        }
        String why = e instanceof AccessDeniedException ? "permission denied" : describe(e);
        return new CredentialFileException(file, Kind.UNREADABLE, "cannot be " + operation + ": " + why, e);
    }

    static boolean isPem(byte[] bytes) {
        // PEM may be preceded by text (openssl's "Bag Attributes", x509 -text output).
        return indexOf(bytes, PEM_BEGIN) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Every PEM object in the file, as Bouncy Castle's PEMParser makes it; at least one. */
    static List<Object> pemObjects(Path file, byte[] bytes) throws CredentialFileException {
        List<Object> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(
                new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.ISO_8859_1))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                out.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt PEM: " + describe(e), e);
        }
        if (out.isEmpty()) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "no PEM object found");
        }
        return out;
    }
}
