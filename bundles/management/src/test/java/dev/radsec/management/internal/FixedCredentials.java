package dev.radsec.management.internal;

import dev.radsec.pki.CertificateStatus;
import dev.radsec.pki.CredentialListener;
import dev.radsec.pki.CredentialService;
import dev.radsec.pki.PeerInvalidatedListener;
import dev.radsec.pki.PeerWatch;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** A PKI that knows one certificate status and nothing else: enough for the certificate MBean. */
final class FixedCredentials implements CredentialService {
    private final CertificateStatus status;

    FixedCredentials(CertificateStatus status) {
        this.status = status;
    }

    @Override
    public CertificateStatus certificate(String name) {
        return name.equals(status.name()) ? status
                : CertificateStatus.builder(name).unavailable(CertificateStatus.Reason.NOT_CONFIGURED, "").build();
    }

    @Override
    public List<CertificateStatus> certificates() {
        return List.of(status);
    }

    @Override
    public List<String> trustStores() {
        return List.of();
    }

    @Override
    public List<X509Certificate> trustAnchors(String trustName) {
        return List.of();
    }

    @Override
    public X509ExtendedKeyManager keyManager(String certificateName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public X509ExtendedTrustManager trustManager(String trustName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SSLContext sslContext(String certificateName, String trustName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void validatePeer(String trustName, X509Certificate[] chain) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PeerWatch watchPeer(String trustName, X509Certificate[] chain, PeerInvalidatedListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addListener(CredentialListener listener) {
    }

    @Override
    public void removeListener(CredentialListener listener) {
    }
}
