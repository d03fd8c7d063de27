package dev.radsec.transport.internal;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** What a link knows about its peer when it comes up: its address and, over TLS, the session; TLS fields null for UDP. */
final class LinkInfo {
    /** Nothing known: what fake links report. */
    static final LinkInfo NONE = new LinkInfo(null, null, null, null, null);

    final InetSocketAddress remote;
    final String tlsVersion;
    final String cipherSuite;
    /** Null for a pre-shared key handshake, and for UDP. */
    final X509Certificate[] peerChain;
    /** The TLS-PSK identity of a pre-shared key handshake; null for certificates and UDP. */
    final String pskIdentity;

    LinkInfo(InetSocketAddress remote, String tlsVersion, String cipherSuite, X509Certificate[] peerChain,
             String pskIdentity) {
        this.remote = remote;
        this.tlsVersion = tlsVersion;
        this.cipherSuite = cipherSuite;
        this.peerChain = peerChain;
        this.pskIdentity = pskIdentity;
    }

    /** A link without TLS to or from {@code remote}. */
    static LinkInfo plain(InetSocketAddress remote) {
        return new LinkInfo(remote, null, null, null, null);
    }

    /** The certificate's subject, or for a pre-shared key {@code psk:<identity>}. */
    String peerSubject() {
        if (pskIdentity != null) {
            return "psk:" + pskIdentity;
        }
        return peerChain == null ? null : peerChain[0].getSubjectX500Principal().getName();
    }

    Instant peerNotAfter() {
        return peerChain == null ? null : peerChain[0].getNotAfter().toInstant();
    }
}
