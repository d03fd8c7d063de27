package dev.radsec.pki.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A certificate, key or CRL file that cannot be used. The message always starts with the file and says what is
 * wrong with it; it never carries key material or passwords.
 */
public final class CredentialFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Kind {
        /** The file (or directory) does not exist. */
        MISSING,
        /** Cannot be read or parsed: corrupt, wrong password, no certificate or key in it. */
        UNREADABLE,
        /** The private key does not belong to the certificate. */
        KEY_MISMATCH,
        /** A trust anchor file holds a certificate that is not a CA certificate. */
        NOT_A_CA
    }

    private final transient Path file;
    private final Kind kind;

    /**
     * @param problem what is wrong, e.g. {@code "no PEM object found"}; the file is put in front unless the text
     *     already starts with it
     */
    public CredentialFileException(Path file, Kind kind, String problem) {
        super(problem.startsWith(String.valueOf(file)) ? problem : file + ": " + problem);
        this.file = Objects.requireNonNull(file);
        this.kind = Objects.requireNonNull(kind);
    }

    public CredentialFileException(Path file, Kind kind, String problem, Throwable cause) {
        this(file, kind, problem);
        // The cause is kept for debugging only; callers log getMessage(). Causes from the JDK and Bouncy Castle
        // name algorithms and structures, never key bytes or passwords.
        initCause(cause);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    public Kind kind() {
        return kind;
    }
}
