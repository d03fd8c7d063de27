package dev.radsec.transport.internal.tls;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;

/**
 * The cipher suites TLS-PSK offers, per version (RFC 9813 section 4.2 and what FreeRADIUS 3.2.1's OpenSSL 3.0 has),
 * and the names the JMX and shell views show.
 */
final class PskSuites {
    /** TLS 1.2: ephemeral ECDHE-PSK first (forward secrecy), then plain PSK; both AEAD. */
    static final int[] TLS12 = {CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256};
    /** TLS 1.3 with an external PSK, which is bound to SHA-256 here (RFC 8446 section 4.2.11). */
    static final int[] TLS13 = {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256};

    private PskSuites() {
    }

    static int[] of(ProtocolVersion version) {
        return version.equals(ProtocolVersion.TLSv13) ? TLS13.clone() : TLS12.clone();
    }

    /** Whether {@code suite} is a TLS 1.2 suite with PSK key exchange (RFC 4279, 5487, 5489, 7905 families). */
    static boolean isTls12Psk(int suite) {
        return (suite >= 0x008A && suite <= 0x0095) || (suite >= 0x00A8 && suite <= 0x00B9)
                || (suite >= 0xC033 && suite <= 0xC03B) || (suite >= 0xC064 && suite <= 0xC071)
                || (suite >= 0xC0A4 && suite <= 0xC0AB) || (suite >= 0xCCAB && suite <= 0xCCAE)
                || (suite >= 0xD001 && suite <= 0xD005);
    }

    /** The IANA name of a suite negotiated here; the number for any other. */
    static String name(int suite) {
        return switch (suite) {
            case CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256 -> "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256";
            case CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256 -> "TLS_PSK_WITH_AES_128_GCM_SHA256";
            case CipherSuite.TLS_AES_128_GCM_SHA256 -> "TLS_AES_128_GCM_SHA256";
            case CipherSuite.TLS_CHACHA20_POLY1305_SHA256 -> "TLS_CHACHA20_POLY1305_SHA256";
            default -> String.format("0x%04X", suite);
        };
    }
}
