package dev.radsec.pki.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/** Validates peers against one named trust store as it is at the moment of each handshake. */
final class NamedTrustManager extends X509ExtendedTrustManager {
    private final CredentialRegistry registry;
    private final String trustName;

    NamedTrustManager(CredentialRegistry registry, String trustName) {
        this.registry = registry;
        this.trustName = trustName;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        registry.validatePeer(trustName, chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return registry.trustAnchors(trustName).toArray(new X509Certificate[0]);
    }

    @Override
    public String toString() {
        return "trust manager for trust store '" + trustName + "'";
    }
}
