package dev.radsec.management.internal;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How the management surface shows a certificate: PEM, and its key's type and size. Never a private key. */
public final class CertificateText {
    private CertificateText() {
    }

    /** The certificate in PEM, 64 characters a line, as OpenSSL writes it. */
    public static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** {@code EC P-256}, {@code RSA 2048}, or the JCA algorithm name for other keys. */
    public static String keyAlgorithm(PublicKey key) {
        if (key instanceof ECPublicKey) {
            return "EC P-" + ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof RSAPublicKey) {
            return "RSA " + ((RSAPublicKey) key).getModulus().bitLength();
        }
        return key.getAlgorithm();
    }
}
