package dev.radsec.pki.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches CRLs from the HTTP distribution points named in certificates ({@code crl-distribution-points = true}),
 * and caches each until its nextUpdate. A fetch runs on the thread that needs the CRL (a handshake), bounded by
 * {@link #TIMEOUT}; when it fails, a cached CRL is used even if stale rather than none, and none means the
 * revocation status is unknown, which fails validation.
 */
final class CrlFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(CrlFetcher.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** CRLs of large CAs reach megabytes; anything far beyond is not a CRL worth holding in memory. */
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private final Clock clock;
    private final HttpClient http;
    private final Map<URI, X509CRL> cache = new ConcurrentHashMap<>();
    /** The last fetch that failed, until a fetch from its address succeeds; {@code null} if none. */
    private volatile FetchError lastError;

    /** A failed fetch: from where, when (the fetcher's clock) and why. */
    record FetchError(URI uri, Instant at, String reason) {
        @Override
        public String toString() {
            return uri + " at " + at + ": " + reason;
        }
    }

    CrlFetcher(Clock clock) {
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** CRLs for every HTTP distribution point of the certificates, fetched when not cached or past nextUpdate. */
    List<X509CRL> crlsFor(List<X509Certificate> certificates) {
        List<X509CRL> out = new ArrayList<>();
        for (X509Certificate c : certificates) {
            for (URI uri : distributionPoints(c)) {
                X509CRL crl = current(uri);
                if (crl != null) {
                    out.add(crl);
                }
            }
        }
        return out;
    }

    private X509CRL current(URI uri) {
        X509CRL cached = cache.get(uri);
        if (cached != null && cached.getNextUpdate() != null && cached.getNextUpdate().toInstant().isAfter(clock.instant())) {
            return cached;
        }
        X509CRL fetched = fetch(uri);
        return fetched != null ? fetched : cached;
    }

    /**
     * Fetches every cached distribution point again.
     *
     * @return whether any CRL changed
     */
    boolean refresh() {
        boolean changed = false;
        for (Map.Entry<URI, X509CRL> e : cache.entrySet()) {
            X509CRL before = e.getValue();
            X509CRL after = fetch(e.getKey());
            changed |= after != null && !after.equals(before);
        }
        return changed;
    }

    private X509CRL fetch(URI uri) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                LOG.warn("CRL distribution point {} answered HTTP {}", uri, r.statusCode());
                return failed(uri, "HTTP " + r.statusCode());
            }
            if (r.body().length > MAX_BYTES) {
                LOG.warn("CRL distribution point {} sent {} octets, more than {}", uri, r.body().length, MAX_BYTES);
                return failed(uri, r.body().length + " octets, more than " + MAX_BYTES);
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(r.body()));
            cache.put(uri, crl);
            FetchError last = lastError;
            if (last != null && last.uri().equals(uri)) {
                lastError = null;
            }
            LOG.debug("Fetched the CRL of {} from {}", crl.getIssuerX500Principal().getName(), uri);
            return crl;
        } catch (IOException | CRLException | CertificateException e) {
            LOG.warn("Cannot fetch the CRL from {}: {}", uri, e.getMessage());
            return failed(uri, SafeMessages.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private X509CRL failed(URI uri, String reason) {
        lastError = new FetchError(uri, clock.instant(), reason);
        return null;
    }

    /** The last failed fetch, until a fetch from its address succeeds. */
    Optional<FetchError> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** The CRLs fetched so far, by the address they came from. */
    Map<URI, X509CRL> fetched() {
        return Map.copyOf(cache);
    }

    /** The http and https URIs of a certificate's cRLDistributionPoints; other schemes (ldap) are not fetched. */
    static List<URI> distributionPoints(X509Certificate certificate) {
        List<URI> out = new ArrayList<>();
        try {
            CRLDistPoint points = CRLDistPoint.fromExtensions(new X509CertificateHolder(certificate.getEncoded()).getExtensions());
            if (points == null) {
                return out;
            }
            for (DistributionPoint p : points.getDistributionPoints()) {
                DistributionPointName name = p.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        URI uri = URI.create(ASN1IA5String.getInstance(g.getName()).getString());
                        if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
                            out.add(uri);
                        }
                    }
                }
            }
        } catch (IOException | java.security.cert.CertificateEncodingException | RuntimeException e) {
            // Bouncy Castle refuses a malformed extension with IllegalArgumentException or IllegalStateException
            LOG.debug("Unusable cRLDistributionPoints in {}", certificate.getSubjectX500Principal().getName(), e);
        }
        return out;
    }
}
