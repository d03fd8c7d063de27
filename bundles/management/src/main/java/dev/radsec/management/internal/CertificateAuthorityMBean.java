package dev.radsec.management.internal;

import dev.radsec.management.CertificateAuthorityMXBean;
import dev.radsec.pki.CaException;
import dev.radsec.pki.OrganisationCa;
import dev.radsec.pki.TrustStoreAnchor;
import java.nio.file.Files;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link CertificateAuthorityMXBean} over the {@link OrganisationCa}: each attribute reads the CA's files anew, so it
 * shows a CA created or renewed meanwhile. Empty values while there is no CA; never the key.
 */
public record CertificateAuthorityMBean(OrganisationCa ca) implements CertificateAuthorityMXBean {

    private Optional<X509Certificate> certificate() {
        if (!ca.exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ca.certificate());
        } catch (CaException e) {
            throw new IllegalStateException(e.getMessage()); // a remote JMX client cannot load CaException
        }
    }

    private String of(Function<X509Certificate, String> f) {
        return certificate().map(f).orElse("");
    }

    @Override
    public boolean isCreated() {
        return ca.exists();
    }

    @Override
    public String getCertificatePem() {
        return of(CertificateText::pem);
    }

    @Override
    public String getSubject() {
        return of(c -> c.getSubjectX500Principal().getName());
    }

    @Override
    public String getSerial() {
        return of(c -> c.getSerialNumber().toString(16));
    }

    @Override
    public String getNotBefore() {
        return of(c -> c.getNotBefore().toInstant().toString());
    }

    @Override
    public String getNotAfter() {
        return of(c -> c.getNotAfter().toInstant().toString());
    }

    @Override
    public String getFingerprint() {
        return of(TrustStoreAnchor::fingerprint);
    }

    @Override
    public String getKeyAlgorithm() {
        return of(c -> CertificateText.keyAlgorithm(c.getPublicKey()));
    }

    @Override
    public String getCertificateFile() {
        return ca.certificateFile().toString();
    }

    @Override
    public String getCrlFile() {
        return ca.crlFile().toString();
    }

    @Override
    public String getCrlNextUpdate() {
        if (!ca.exists() || !Files.exists(ca.crlFile())) {
            return "";
        }
        try {
            X509CRL crl = ca.crl();
            return crl.getNextUpdate() == null ? "" : crl.getNextUpdate().toInstant().toString();
        } catch (CaException e) {
            throw new IllegalStateException(e.getMessage()); // a remote JMX client cannot load CaException
        }
    }

    @Override
    public int getIssuedCount() {
        return count(true);
    }

    @Override
    public int getRevokedCount() {
        return count(false);
    }

    private int count(boolean issued) {
        try {
            return issued ? ca.issuedCount() : ca.revokedCount();
        } catch (CaException e) {
            throw new IllegalStateException(e.getMessage()); // a remote JMX client cannot load CaException
        }
    }
}
