package dev.radsec.transport;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Where a request came from. */
@ProviderType
public interface RequestContext {
    /** The listener's configured name. */
    String listener();

    /** The client's address and port. */
    InetSocketAddress remote();

    /** The client network (CIDR) the request was accepted under. */
    String clientNetwork();

    /** The client's certificate chain, for RadSec. */
    Optional<X509Certificate[]> peerCertificates();
}
