package dev.radsec.pki;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate the organisation CA issued with a key it generated. The private key is only written to
 * {@link #keyFile()} (mode 0600); it is never returned.
 *
 * @param certificate     the issued certificate
 * @param certificateFile PEM: the certificate followed by the CA certificate
 * @param keyFile         PEM PKCS#8 private key, mode 0600
 * @param pkcs12File      the PKCS#12 file with key, certificate and CA certificate (mode 0600), when one was asked for
 */
public record IssuedCertificate(X509Certificate certificate, Path certificateFile, Path keyFile,
                                Optional<Path> pkcs12File) {
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(pkcs12File, "pkcs12File");
    }

    /** Without a PKCS#12 file. */
    public IssuedCertificate(X509Certificate certificate, Path certificateFile, Path keyFile) {
        this(certificate, certificateFile, keyFile, Optional.empty());
    }

    @Override
    public String toString() {
        return "IssuedCertificate(" + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber().toString(16) + ", " + certificateFile
                + pkcs12File.map(p -> ", " + p).orElse("") + ")";
    }
}
