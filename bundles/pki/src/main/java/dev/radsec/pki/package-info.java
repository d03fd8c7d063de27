/**
 * Certificates for RadSec: named local certificates, trust stores with CRL revocation, RFC 9525 peer-name
 * checks, and an organisation CA.
 *
 * <h2>Named credentials</h2>
 * Operators configure local certificates (factory PID {@code dev.radsec.pki.certificate}) and trust stores
 * (factory PID {@code dev.radsec.pki.trust}) in Karaf's {@code etc/}. {@link dev.radsec.pki.CredentialService}
 * hands out, per name, JSSE key and trust managers, or a ready {@link javax.net.ssl.SSLContext}. The managers it
 * returns delegate to the current material, so a handshake always uses what is on disk now: replacing files or
 * editing a cfg takes effect for the next handshake, with no restart.
 *
 * <h2>Availability (Junos semantics)</h2>
 * A certificate that is missing, unreadable, not matching its key, not yet valid, expired or revoked is
 * reported unavailable with the reason ({@link dev.radsec.pki.CertificateStatus}), and loading is retried every
 * {@code retry-interval} (300 s by default) and whenever its files change. It never spins and never gives up.
 *
 * <h2>Live revocation</h2>
 * {@link dev.radsec.pki.CredentialService#watchPeer} lets a transport register the peer chain of a live
 * connection; it is told when the chain stops being valid: its trust store changed and no longer accepts it (a
 * new CRL revokes it, its CA was removed), or a certificate in it expired.
 *
 * <h2>Pre-shared keys</h2>
 * TLS pre-shared keys (factory PID {@code dev.radsec.pki.psk}, one {@code etc/dev.radsec.pki.psk-<name>.cfg} each)
 * are looked up by name through {@link dev.radsec.pki.PreSharedKeys}, live like certificates: a key given in a
 * {@code key-file} is read again when the file changes, and retried every {@code retry-interval} while it is
 * missing or invalid.
 *
 * <h2>Trust store administration</h2>
 * {@link dev.radsec.pki.TrustStoreAdmin} lists a trust store's anchors and CRL status, and adds and removes anchors
 * the way an operator uploads a root CA: written atomically under {@code etc/radsec/trust/<name>/} and named in the
 * store's configuration through ConfigAdmin, so {@code etc/} stays the whole configuration.
 *
 * <h2>Expiry warnings</h2>
 * A usable local certificate within its {@code expiry-warning} days (30 by default) of its notAfter is reported as
 * {@link dev.radsec.pki.CredentialEvent.Kind#CERTIFICATE_EXPIRING}, on loading and then daily.
 *
 * <p>Private keys, pre-shared keys and passwords never appear in logs, {@code toString()}, exceptions or results.
 */
@Export
@Version("0.4.0")
package dev.radsec.pki;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
