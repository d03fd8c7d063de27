package dev.radsec.pki;

import dev.radsec.pki.internal.PeerNameMatcher;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * RFC 9525-style peer identity checks for RadSec: a configured {@code tls-peer-name} matches a certificate's
 * dNSName, iPAddress or NAIRealm (RFC 7585) subjectAltNames. The subject Common Name is never consulted. A
 * wildcard is accepted only as the whole left-most label ({@code *.example.org}) and matches exactly one label.
 * DNS names and realms compare case-insensitively; an address literal matches only an iPAddress entry.
 */
public final class PeerNames {
    private PeerNames() {
    }

    /** Whether {@code peerName} (a DNS name, realm or IP address literal) identifies {@code certificate}. */
    public static boolean matches(X509Certificate certificate, String peerName) {
        return PeerNameMatcher.matches(certificate, peerName);
    }

    /** The certificate's subjectAltNames as {@code DNS:...}, {@code IP:...} and {@code NAIRealm:...}, for messages. */
    public static List<String> names(X509Certificate certificate) {
        return PeerNameMatcher.names(certificate);
    }
}
