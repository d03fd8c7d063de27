package dev.radsec.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An organisation's own root CA, the way Meraki runs one for its access points: it issues device and server
 * certificates, signs CSRs, revokes and publishes a CRL. Its private key lives in one directory
 * ({@code etc/radsec/ca/} in Karaf) with mode 0600 and never leaves through this API.
 *
 * <p>Every file it writes is written whole or not at all, even across a crash, and where one operation writes several
 * files their order leaves a state it loads: the records before the key, the key before the certificate, an issued
 * serial before the files that hold its certificate, a revocation before the CRL that lists it.
 */
@ProviderType
public interface OrganisationCa {

    /** Whether a CA exists in the CA directory. */
    boolean exists();

    /**
     * Creates the root CA: a self-signed certificate with basicConstraints cA=true and keyCertSign/cRLSign, and an
     * empty CRL.
     *
     * A key without its certificate, what a create interrupted by a crash leaves, is kept as
     * {@code ca.key.interrupted} and the CA created.
     *
     * @param subject a distinguished name, e.g. {@code CN=Example Org RadSec CA,O=Example Org}
     * @throws CaException when a CA already exists (its certificate is there; it is never overwritten), the subject
     *                     does not parse, or the validity is not positive
     */
    X509Certificate create(String subject, KeyAlgorithm algorithm, Duration validity) throws CaException;

    /** The root certificate. */
    X509Certificate certificate() throws CaException;

    /**
     * Generates a key pair and issues a certificate for it. The key is written to {@code keyFile} (mode 0600) and
     * the chain to {@code certificateFile}; neither file may exist yet.
     */
    IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile) throws CaException;

    /**
     * Issues as {@link #issue(CertificateProfile, Path, Path)} does, and also writes a PKCS#12 file for devices that
     * take one: the private key with the certificate and the CA certificate as its chain, under the profile's common
     * name as friendly name, protected by {@code password} (PBES2 with AES-256-CBC and an HMAC-SHA-256 integrity
     * check, as OpenSSL 3 writes by default). The file is mode 0600 and may not exist yet.
     *
     * @param password not kept; the caller clears it
     * @throws CaException when a file exists already, two of the files are the same, or the password is empty;
     *                     nothing is issued then
     */
    IssuedCertificate issue(CertificateProfile profile, Path certificateFile, Path keyFile, Path pkcs12File,
                            char[] password) throws CaException;

    /**
     * Signs a PKCS#10 request after checking its signature. Subject CN, subjectAltNames, validity and usage come
     * from {@code profile}; only the public key comes from the request, so a device cannot ask for names the
     * operator did not grant.
     *
     * @param csrPem the request in PEM ({@code -----BEGIN CERTIFICATE REQUEST-----})
     */
    X509Certificate signCsr(String csrPem, CertificateProfile profile) throws CaException;

    /** Revokes a certificate this CA issued and publishes a new CRL. */
    X509CRL revoke(BigInteger serial, RevocationReason reason) throws CaException;

    /** How many certificates this CA has issued (its records, see {@code issued.txt}); 0 when no CA exists. */
    int issuedCount() throws CaException;

    /** How many of them are revoked: what its CRL lists; 0 when no CA exists. */
    int revokedCount() throws CaException;

    /** The current CRL. */
    X509CRL crl() throws CaException;

    /**
     * Publishes a fresh CRL (new thisUpdate, nextUpdate and cRLNumber). Revoking publishes one too; the OSGi
     * service also republishes daily, so a CRL never runs past its nextUpdate while the CA is in use.
     */
    X509CRL publishCrl() throws CaException;

    /** Where the current CRL is published (PEM), for trust stores to name in {@code crl}. */
    Path crlFile();

    /** Where the root certificate is (PEM), for trust stores to name in {@code ca}. */
    Path certificateFile();
}
