package dev.radsec.management;

import dev.radsec.pki.CrlStatus;
import java.time.Instant;

/**
 * One CRL of {@link TrustStoreMXBean#getCrls()}. Over JMX a {@code CompositeData} with the items
 * {@code source, issuer, thisUpdate, nextUpdate, revokedEntries}.
 *
 * @param source         where it came from: the configured file, or the distribution point's URL
 * @param issuer         the CA that signed it, RFC 2253
 * @param thisUpdate     when it was issued, ISO-8601
 * @param nextUpdate     when the next one is due, ISO-8601; empty when it does not say
 * @param revokedEntries how many certificates it lists
 */
public record CrlInfo(String source, String issuer, String thisUpdate, String nextUpdate, int revokedEntries) {

    /** The JMX row of one CRL. */
    public static CrlInfo of(CrlStatus.Crl c) {
        return new CrlInfo(c.source(), c.issuer(), c.thisUpdate().toString(),
                c.nextUpdate().map(Instant::toString).orElse(""), c.revokedEntries());
    }
}
