package dev.radsec.pki.internal;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The loaded content of one trust store: CA certificates, CRLs and whether revocation is checked. Immutable;
 * a reload makes a new one. A store that failed to load has {@link #error} set and trusts nothing.
 */
final class TrustMaterial {
    final String name;
    /** The distinct CA certificates. */
    final List<X509Certificate> cas;
    /** Each CA certificate with the file it was read from; one certificate may come from several files. */
    final List<Sourced<X509Certificate>> anchorFiles;
    final List<X509CRL> crls;
    /** Each CRL of {@link #crls} with its file. */
    final List<Sourced<X509CRL>> crlFiles;
    final boolean checkRevocation;
    /** Why loading failed, or {@code null}. */
    final String error;
    /** Fetches CRLs from distribution points; {@code null} when the store does not. */
    final CrlFetcher fetcher;
    private final Set<TrustAnchor> anchors;

    TrustMaterial(String name, List<Sourced<X509Certificate>> anchorFiles, List<Sourced<X509CRL>> crlFiles,
                  boolean checkRevocation, String error, CrlFetcher fetcher) {
        this.fetcher = fetcher;
        this.name = name;
        this.anchorFiles = List.copyOf(anchorFiles);
        this.cas = List.copyOf(new LinkedHashSet<>(anchorFiles.stream().map(Sourced::item).toList()));
        this.crlFiles = List.copyOf(crlFiles);
        this.crls = crlFiles.stream().map(Sourced::item).toList();
        this.checkRevocation = checkRevocation;
        this.error = error;
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate ca : this.cas) {
            a.add(new TrustAnchor(ca, null));
        }
        this.anchors = a;
    }

    static TrustMaterial failed(String name, String error) {
        return new TrustMaterial(name, List.of(), List.of(), true, error, null);
    }

    /**
     * PKIX validation of a peer chain at {@code at}: a path to one of the anchors, every certificate within its
     * validity, and, when revocation is checked, every certificate on the path covered by a current CRL of this
     * store and not listed in it (no OCSP, no fetching: strict, as FreeRADIUS's check_crl).
     */
    void validate(X509Certificate[] chain, Instant at) throws CertificateException {
        if (error != null) {
            throw new CertificateException("trust store '" + name + "' is unusable: " + error);
        }
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer sent no certificate");
        }
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            // The anchor itself is not part of the path a validator checks.
            if (!isAnchor(c)) {
                path.add(c);
            }
        }
        if (path.isEmpty()) {
            throw new CertificateException("the peer presented only a CA certificate");
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(Date.from(at));
            if (checkRevocation) {
                List<X509CRL> all = new ArrayList<>(crls);
                if (fetcher != null) {
                    all.addAll(fetcher.crlsFor(path));
                }
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(all)));
                PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
                revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                        PKIXRevocationChecker.Option.NO_FALLBACK));
                params.addCertPathChecker(revocation);
                params.setRevocationEnabled(true);
            } else {
                params.setRevocationEnabled(false);
            }
            validator.validate(certPath, params);
        } catch (CertPathValidatorException e) {
            throw new CertificateException(describe(e, chain[0]), e);
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new CertificateException("trust store '" + name + "' cannot validate: " + e.getMessage(), e);
        }
    }

    private boolean isAnchor(X509Certificate c) {
        for (X509Certificate ca : cas) {
            if (ca.equals(c)) {
                return true;
            }
        }
        return false;
    }

    private String describe(CertPathValidatorException e, X509Certificate leaf) {
        String who = leaf.getSubjectX500Principal().getName();
        CertPathValidatorException.Reason r = e.getReason();
        if (r == CertPathValidatorException.BasicReason.REVOKED) {
            return who + " is revoked (trust store '" + name + "')";
        }
        if (r == CertPathValidatorException.BasicReason.EXPIRED) {
            return who + ": a certificate in the chain has expired";
        }
        if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return who + ": a certificate in the chain is not yet valid";
        }
        if (r == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return who + ": no current CRL in trust store '" + name + "' covers it";
        }
        return who + " is not trusted by trust store '" + name + "': " + e.getMessage();
    }

    /** Whether a CRL of this store lists {@code certificate}. */
    boolean revokes(X509Certificate certificate) {
        for (X509CRL crl : crls) {
            if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()) && crl.isRevoked(certificate)) {
                return true;
            }
        }
        return false;
    }

    X509Certificate[] acceptedIssuers() {
        return cas.toArray(new X509Certificate[0]);
    }
}
