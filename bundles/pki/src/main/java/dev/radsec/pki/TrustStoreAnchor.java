package dev.radsec.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One CA certificate of a trust store, as loaded, and the file it was read from.
 *
 * <p>Fingerprints are the SHA-256 digest of the certificate's DER encoding, written as OpenSSL's
 * {@code x509 -fingerprint -sha256} writes them: upper-case hexadecimal pairs separated by colons
 * ({@code 3A:0F:...}, 95 characters). Where a fingerprint is taken as input ({@link #parseFingerprint}), the pairs may
 * also be written without separators, in either case.
 *
 * @param certificate the CA certificate
 * @param fingerprint its SHA-256 fingerprint, see above
 * @param file        the file it was read from: a file the store's {@code ca} names, or one in a directory it names
 */
public record TrustStoreAnchor(X509Certificate certificate, String fingerprint, Path file) {

    public TrustStoreAnchor {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(file, "file");
    }

    /** The anchor of {@code certificate} read from {@code file}, with its fingerprint computed. */
    public static TrustStoreAnchor of(X509Certificate certificate, Path file) {
        return new TrustStoreAnchor(certificate, fingerprint(certificate), file);
    }

    /** The subject, RFC 2253. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public BigInteger serial() {
        return certificate.getSerialNumber();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** The SHA-256 fingerprint of {@code certificate}: upper-case hexadecimal pairs separated by colons. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }

    /**
     * A SHA-256 fingerprint as typed: 32 hexadecimal pairs, separated by colons (or spaces) or not at all, in either
     * case, in the form {@link #fingerprint(X509Certificate)} returns.
     *
     * @throws IllegalArgumentException saying what a fingerprint looks like when {@code text} is not one
     */
    public static String parseFingerprint(String text) {
        String hex = text == null ? "" : text.trim().replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: 64 hexadecimal digits,"
                    + " in pairs separated by colons (as radsec:trust-list shows them) or not");
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }
}
