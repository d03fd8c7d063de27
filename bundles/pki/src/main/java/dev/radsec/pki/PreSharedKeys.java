package dev.radsec.pki;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The named TLS pre-shared keys, one {@code etc/dev.radsec.pki.psk-<name>.cfg} each, with keys {@code identity},
 * {@code key} or {@code key-file} (hex), and {@code tls-version} ({@code 1.3}, the default, or {@code 1.2}).
 *
 * <p>Lookups are live: a TLS engine asks for the key at each handshake, so a changed configuration or key file is
 * used by the next connection with no restart. A key file that is missing, unreadable or holds a key that would be
 * refused inline makes its key unavailable ({@link #status} says why), and it is read again when it changes and
 * every {@code retry-interval} seconds (300). In the file, as inline, hex digits may be in either case and
 * whitespace and line breaks are ignored.
 *
 * <p>A configuration is refused, with the key and the reason, when the identity is empty, longer than 128 octets
 * of UTF-8 or holds control characters; when the key is shorter than 16 octets, is all one octet value, or is not
 * hex; when both or neither of {@code key} and {@code key-file} are given; or when its identity is already another
 * key's. The running configuration of that name then stays.
 */
@ProviderType
public interface PreSharedKeys {
    /** The longest identity accepted, in octets of UTF-8 (RFC 4279 allows 2^16-1; 128 keeps lookups cheap). */
    int MAX_IDENTITY_OCTETS = 128;

    /** The shortest key accepted, in octets. */
    int MIN_KEY_OCTETS = 16;

    /**
     * The key named {@code name} as it is now; empty when it is not configured or its file is unavailable. Cheap
     * (a map lookup): call it at each handshake rather than keeping the result.
     */
    Optional<PreSharedKey> key(String name);

    /** The status of the key named {@code name}; {@link PskStatus#available()} is false for an unknown name. */
    PskStatus status(String name);

    /** The status of every configured key, by name. */
    List<PskStatus> statuses();
}
