package dev.radsec.codec;

import dev.radsec.codec.internal.Md5Keyed;
import java.nio.charset.StandardCharsets;

/**
 * A RADIUS shared secret. Immutable and thread-safe; create one per peer and reuse it, since it precomputes
 * the HMAC state. Its {@link #toString()} never shows the secret.
 */
public final class SharedSecret {
    /** RFC 6614 section 2.3: the secret RadSec peers use, since TLS does the protecting. */
    public static final String RADSEC_DEFAULT = "radsec";

    /** Secrets this short are guessable offline from one captured packet (RFC 2865 section 3, BlastRADIUS). */
    private static final int WEAK_LENGTH = 12;

    private final Md5Keyed keyed;

    private SharedSecret(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("a shared secret must not be empty");
        }
        this.keyed = new Md5Keyed(secret);
    }

    /** The secret as UTF-8 octets, as FreeRADIUS and radclient read secrets from their configuration. */
    public static SharedSecret of(String secret) {
        return new SharedSecret(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static SharedSecret of(byte[] secret) {
        return new SharedSecret(secret);
    }

    /**
     * True when the secret has 12 octets or fewer. Such a secret is accepted (many NAS configurations still use
     * one) but callers should log once that it is weak.
     */
    public boolean isWeak() {
        return keyed.secretLength() <= WEAK_LENGTH;
    }

    public int length() {
        return keyed.secretLength();
    }

    Md5Keyed keyed() {
        return keyed;
    }

    @Override
    public String toString() {
        return "******";
    }
}
