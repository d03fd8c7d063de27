package dev.radsec.pki;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Named TLS credentials: local certificates ({@code tls-certificate}) and trust stores ({@code tls-trust}).
 *
 * <p>The managers and contexts returned are live: each handshake uses the material current at that moment. A
 * key manager whose certificate is unavailable offers no certificate; a trust manager whose store is unknown
 * trusts nothing. So a connection attempt made while a credential is unavailable fails its handshake cleanly,
 * and the next attempt after the files are fixed succeeds, without fetching a new manager.
 */
@ProviderType
public interface CredentialService {

    /** The default trust store name, used when a destination names none. */
    String DEFAULT_TRUST = "default";

    /** The status of a local certificate; {@link CertificateStatus.Reason#NOT_CONFIGURED} for an unknown name. */
    CertificateStatus certificate(String name);

    /** The status of every configured local certificate, by name. */
    List<CertificateStatus> certificates();

    /** The names of the configured trust stores. */
    List<String> trustStores();

    /** The anchors of a trust store, empty when it is unknown. */
    List<X509Certificate> trustAnchors(String trustName);

    /** A key manager presenting the named certificate whenever it is available. */
    X509ExtendedKeyManager keyManager(String certificateName);

    /**
     * A trust manager validating peers against the named trust store: PKIX path to one of its anchors, validity at
     * the current time, and, when the store checks revocation, its CRLs. Peer names are not checked here; see
     * {@link PeerNames}.
     */
    X509ExtendedTrustManager trustManager(String trustName);

    /**
     * A TLS context with {@link #keyManager} (none when {@code certificateName} is null) and {@link #trustManager}.
     * Protocol versions and peer names are the caller's to set on its {@code SSLEngine}.
     */
    SSLContext sslContext(String certificateName, String trustName);

    /**
     * Validates a peer chain as {@link #trustManager} does.
     *
     * @throws CertificateException naming why the chain is not accepted
     */
    void validatePeer(String trustName, X509Certificate[] chain) throws CertificateException;

    /**
     * Watches the peer chain of a live connection: {@code listener} is told once when the chain stops being
     * valid (its trust store changed and rejects it now, or one of its certificates expired).
     */
    PeerWatch watchPeer(String trustName, X509Certificate[] chain, PeerInvalidatedListener listener);

    void addListener(CredentialListener listener);

    void removeListener(CredentialListener listener);
}
