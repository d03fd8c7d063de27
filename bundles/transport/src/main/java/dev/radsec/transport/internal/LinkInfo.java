package dev.radsec.transport.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** What a link knows about its TLS session; all null for UDP. */
final class LinkInfo {
    static final LinkInfo NONE = new LinkInfo(null, null, null);

    final String tlsVersion;
    final String cipherSuite;
    final X509Certificate[] peerChain;

    LinkInfo(String tlsVersion, String cipherSuite, X509Certificate[] peerChain) {
        this.tlsVersion = tlsVersion;
        this.cipherSuite = cipherSuite;
        this.peerChain = peerChain;
    }

    String peerSubject() {
        return peerChain == null ? null : peerChain[0].getSubjectX500Principal().getName();
    }

    Instant peerNotAfter() {
        return peerChain == null ? null : peerChain[0].getNotAfter().toInstant();
    }
}
