package dev.radsec.management;

import dev.radsec.pki.TrustStoreAnchor;

/**
 * One anchor of {@link TrustStoreMXBean#getAnchors()}: a CA certificate the store trusts. Over JMX a
 * {@code CompositeData} with the items {@code subject, serial, notAfter, fingerprint, file}.
 *
 * @param subject     the CA's subject, RFC 2253
 * @param serial      its serial number, hexadecimal
 * @param notAfter    the end of its validity, ISO-8601
 * @param fingerprint its SHA-256 fingerprint: upper-case hexadecimal pairs separated by colons, as
 *                    {@code openssl x509 -fingerprint -sha256} prints it ({@link TrustStoreMXBean#removeAnchor} also
 *                    takes it without colons)
 * @param file        the file it was read from
 */
public record TrustAnchorInfo(String subject, String serial, String notAfter, String fingerprint, String file) {

    /** The JMX row of one anchor. */
    public static TrustAnchorInfo of(TrustStoreAnchor a) {
        return new TrustAnchorInfo(a.subject(), a.serial().toString(16), a.notAfter().toString(), a.fingerprint(),
                a.file().toString());
    }
}
