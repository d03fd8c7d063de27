package dev.radsec.pki;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The revocation side of a trust store at one moment: whether peers are checked against CRLs, the CRLs it holds
 * (read from its {@code crl} files and, with {@code crl-distribution-points}, fetched over HTTP), and what went
 * wrong last.
 *
 * @param checked        whether peers' chains are checked against the CRLs ({@code check-revocation = crl})
 * @param crls           the CRLs held now: the configured files first, then those fetched
 * @param lastFetchError the last failed fetch from a distribution point (its address, when, and why), until a later
 *                       fetch from that address succeeds
 * @param loadError      why the store could not be loaded (a CA or CRL file missing or corrupt, a CRL not signed by
 *                       a CA of the store); while set the store trusts nothing and is retried
 */
public record CrlStatus(boolean checked, List<Crl> crls, Optional<String> lastFetchError, Optional<String> loadError) {

    public CrlStatus {
        crls = List.copyOf(crls);
        Objects.requireNonNull(lastFetchError, "lastFetchError");
        Objects.requireNonNull(loadError, "loadError");
    }

    /** The status of a trust store nobody configured: nothing checked, nothing held. */
    public static CrlStatus none(String why) {
        return new CrlStatus(false, List.of(), Optional.empty(), Optional.of(why));
    }

    /**
     * One CRL of the store.
     *
     * @param source         where it came from: the file path, or the distribution point's URL
     * @param issuer         the CA that signed it, RFC 2253
     * @param thisUpdate     when it was issued
     * @param nextUpdate     when the next one is due, if it says
     * @param revokedEntries how many certificates it lists
     */
    public record Crl(String source, String issuer, Instant thisUpdate, Optional<Instant> nextUpdate, int revokedEntries) {
        public Crl {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(thisUpdate, "thisUpdate");
            Objects.requireNonNull(nextUpdate, "nextUpdate");
        }
    }
}
