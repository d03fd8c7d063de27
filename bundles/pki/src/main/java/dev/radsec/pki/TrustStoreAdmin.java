package dev.radsec.pki;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes trust stores from uploaded material, the way Meraki lets an administrator upload a RADIUS server's root
 * CA, and shows what they hold.
 *
 * <h2>Where uploaded anchors go</h2>
 * Anchors added here are written, one PEM file each, to the store's own directory
 * {@code ${karaf.etc}/radsec/trust/<trustName>/}, atomically (a temporary file in that directory, forced to disk,
 * then renamed over the final name). That directory is added to the store's {@code ca} list through ConfigAdmin when
 * it is not there yet, so Karaf writes it back to {@code etc/dev.radsec.pki.trust-<name>.cfg} and {@code etc/} stays
 * the whole configuration; a store nobody configured yet is created that way. The store reloads at once (and the
 * file watcher would reload it anyway), with no restart: the next handshake uses it. Backing up {@code etc/} backs
 * up the anchors.
 *
 * <p>Fingerprints are SHA-256, in the form {@link TrustStoreAnchor} describes.
 */
@ProviderType
public interface TrustStoreAdmin {

    /**
     * Adds the CA certificates in {@code pem} to the named trust store, as one file in its directory (see above).
     *
     * @return the file written
     * @throws CaException when the name is not letters, digits, '.', '_' or '-', or the PEM holds no certificate, a
     *                     corrupt one, one without basicConstraints cA=true, or one expired on the PKI's clock
     */
    Path importCa(String trustName, String pem) throws CaException;

    /**
     * The anchors the named store holds now, in the order they were read; empty when no store has that name or it
     * could not be loaded (see {@link #crlStatus}'s {@code loadError}).
     */
    List<TrustStoreAnchor> anchors(String trustName);

    /**
     * Adds one CA certificate to the named trust store, written to the store's directory (see above), and returns
     * it once the store holds it. A store of that name is created when none exists.
     *
     * @param pem exactly one certificate in PEM ({@code -----BEGIN CERTIFICATE-----})
     * @throws CaException with the reason when the name is not letters, digits, '.', '_' or '-'; the PEM holds no
     *                     certificate, a corrupt one, or more than one; the certificate is not a CA (basicConstraints
     *                     cA is not true); it has expired on the PKI's clock; or the store holds it already. Nothing
     *                     changes then.
     */
    TrustStoreAnchor addAnchor(String trustName, String pem) throws CaException;

    /**
     * Takes the anchor with this fingerprint out of the named store, and returns once the store no longer holds it.
     * Every file it was read from is dealt with:
     * <ul>
     * <li>in the store's own directory: the file is deleted, or rewritten without it when it holds other
     * certificates; a directory left without anchors is taken out of {@code ca};</li>
     * <li>a file that {@code ca} names and that holds only this certificate: the file is taken out of {@code ca}
     * (through ConfigAdmin) and left on disk;</li>
     * <li>anywhere else (one of several certificates of a configured file, a file in a directory the operator
     * configured): refused, naming the file to edit.</li>
     * </ul>
     *
     * @param fingerprint its SHA-256 fingerprint, with or without colons
     * @return false when the store holds no anchor with that fingerprint
     * @throws CaException when no store has that name, the fingerprint is malformed, it is the store's last anchor
     *                     (a store needs one; delete its configuration to remove the store), or a file it comes from
     *                     cannot be changed as above. Nothing changes then.
     */
    boolean removeAnchor(String trustName, String fingerprint) throws CaException;

    /** The named store's CRLs and revocation checking; {@link CrlStatus#none} when no store has that name. */
    CrlStatus crlStatus(String trustName);

    /** Where anchors added to the named store are written: {@code ${karaf.etc}/radsec/trust/<trustName>}. */
    Path anchorDirectory(String trustName);
}
