package dev.radsec.pki.internal;

import static dev.radsec.pki.internal.CertificateReader.x509Factory;
import static dev.radsec.pki.internal.CredentialFileContent.isPem;
import static dev.radsec.pki.internal.CredentialFileContent.pemObjects;
import static dev.radsec.pki.internal.CredentialFileContent.read;
import static dev.radsec.pki.internal.SafeMessages.describe;

import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.cert.X509CRLHolder;

/** Reads CRLs, as plain JDK objects, from PEM files ({@code X509 CRL}, one or more) and DER files. */
final class CrlReader {

    private CrlReader() {
    }

    static List<X509CRL> loadCrls(Path file) throws CredentialFileException {
        byte[] bytes = read(file);
        List<X509CRL> crls = new ArrayList<>();
        if (isPem(bytes)) {
            for (Object o : pemObjects(file, bytes)) {
                if (o instanceof X509CRLHolder) {
                    crls.add(toCrl(file, (X509CRLHolder) o));
                }
            }
            if (crls.isEmpty()) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "no CRL (X509 CRL) found in this PEM file");
            }
        } else {
            try {
                for (CRL crl : x509Factory().generateCRLs(new ByteArrayInputStream(bytes))) {
                    crls.add((X509CRL) crl);
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "neither a PEM nor a DER CRL: " + describe(e), e);
            }
            if (crls.isEmpty()) {
                throw new CredentialFileException(file, Kind.UNREADABLE, "no CRL found");
            }
        }
        return Collections.unmodifiableList(crls);
    }

    private static X509CRL toCrl(Path file, X509CRLHolder holder) throws CredentialFileException {
        try {
            return (X509CRL) x509Factory().generateCRL(new ByteArrayInputStream(holder.getEncoded()));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "corrupt CRL: " + describe(e), e);
        }
    }
}
