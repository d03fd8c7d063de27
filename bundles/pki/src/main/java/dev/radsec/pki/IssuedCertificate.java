package dev.radsec.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate the organisation CA issued with a key it generated. The private key is only written to
 * {@link #keyFile()} (mode 0600); it is never returned.
 */
public final class IssuedCertificate {
    private final X509Certificate certificate;
    private final Path certificateFile;
    private final Path keyFile;

    public IssuedCertificate(X509Certificate certificate, Path certificateFile, Path keyFile) {
        this.certificate = Objects.requireNonNull(certificate);
        this.certificateFile = Objects.requireNonNull(certificateFile);
        this.keyFile = Objects.requireNonNull(keyFile);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** PEM: the certificate followed by the CA certificate. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** PEM PKCS#8 private key, mode 0600. */
    public Path keyFile() {
        return keyFile;
    }

    @Override
    public String toString() {
        return "IssuedCertificate(" + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber().toString(16) + ", " + certificateFile + ")";
    }
}
