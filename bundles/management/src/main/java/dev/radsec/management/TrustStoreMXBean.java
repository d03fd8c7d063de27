package dev.radsec.management;

import java.util.List;

/**
 * One trust store ({@code dev.radsec.pki.trust} configuration), {@code dev.radsec:type=TrustStore,name=<name>}: the CA
 * certificates RadSec peers are validated against, the way Meraki lets an administrator upload a RADIUS server's
 * root CA, and its CRLs.
 *
 * <p>Anchors added here are written to {@code etc/radsec/trust/<name>/} (one PEM file each, replaced atomically) and
 * that directory is named in the store's {@code ca} through ConfigAdmin, so {@code etc/} stays the whole
 * configuration; the store reloads at once, with no restart. The configuration attributes ({@code Ca}, {@code Crl},
 * {@code CrlDistributionPoints}, {@code CheckRevocation}) write the keys of the same name through ConfigAdmin into
 * {@code etc/dev.radsec.pki.trust-<name>.cfg}, validated as a cfg file is: an invalid value fails with an
 * {@link IllegalArgumentException} naming the key, and the running configuration stays. The name is the MBean's
 * identity and is changed in the cfg file, not here.
 */
public interface TrustStoreMXBean {
    String getName();

    /** The CA certificates it holds now, in the order they were read; see {@link TrustAnchorInfo}. */
    List<TrustAnchorInfo> getAnchors();

    /**
     * Adds one CA certificate.
     *
     * @param pem exactly one certificate in PEM, with basicConstraints cA=true and not expired
     * @return the anchor as now held
     * @throws IllegalArgumentException with the reason when it is refused (not a CA, expired, several certificates,
     *                                  not a certificate, held already); nothing changes then
     */
    TrustAnchorInfo addAnchor(String pem);

    /**
     * Removes the anchor with this SHA-256 fingerprint (colon-separated pairs or plain hexadecimal, either case).
     *
     * @return false when the store holds no such anchor
     * @throws IllegalArgumentException with the reason when it cannot be removed: it is the store's last anchor, or it
     *                                  comes from an operator's file that holds others (that file is named)
     */
    boolean removeAnchor(String fingerprint);

    // ------------------------------------------------------------------------------------------------ CRL status

    /** Whether peers' chains are checked against CRLs now ({@code check-revocation = crl}). */
    boolean isRevocationChecked();

    /** The CRLs held now: the configured files, then those fetched from distribution points; see {@link CrlInfo}. */
    List<CrlInfo> getCrls();

    /** The earliest nextUpdate of its CRLs, ISO-8601; empty without CRLs. */
    String getCrlNextUpdate();

    /** How many certificates its CRLs list in all. */
    int getRevokedEntries();

    /** The last failed fetch from a distribution point (address, time and reason) until one from there succeeds; empty if none. */
    String getLastFetchError();

    /** Why the store could not be loaded, while it trusts nothing and is retried; empty when it is loaded. */
    String getLoadError();

    // ------------------------------------------------------------------------------------------------ configuration

    /** {@code ca}: PEM files or directories of CA certificates, relative to {@code etc/} unless absolute. */
    String[] getCa();

    void setCa(String[] ca);

    /** {@code crl}: CRL files, PEM or DER. */
    String[] getCrl();

    void setCrl(String[] crl);

    /** {@code crl-distribution-points}: also fetch CRLs over HTTP from the certificates' cRLDistributionPoints. */
    boolean isCrlDistributionPoints();

    void setCrlDistributionPoints(boolean fetch);

    /** {@code check-revocation}: {@code crl} or {@code none}, as configured; empty when left to the default. */
    String getCheckRevocation();

    /** @param mode {@code crl}, {@code none}, or empty for the default (crl when CRLs or distribution points are configured) */
    void setCheckRevocation(String mode);
}
