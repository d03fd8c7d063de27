package dev.radsec.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A named TLS pre-shared key ({@code dev.radsec.pki.psk}): an identity, the key, and the one TLS version it is used
 * with (RFC 9813 section 4.2: never the same key for TLS 1.3 and an earlier version).
 *
 * <p>The key never leaves this object except through {@link #key()}, a copy for the TLS engine; {@link #toString()}
 * shows the name, identity and version only.
 */
public final class PreSharedKey {
    /** The TLS version a key is used with. */
    public enum TlsVersion {
        TLS_1_2("1.2"), TLS_1_3("1.3");

        private final String label;

        TlsVersion(String label) {
            this.label = label;
        }

        /** As configured: {@code 1.2} or {@code 1.3}. */
        public String label() {
            return label;
        }
    }

    private final String name;
    private final String identity;
    private final TlsVersion version;
    private final byte[] key;

    /**
     * @param name     the configuration's name, as destinations and listeners give it in {@code tls-psk}
     * @param identity the PSK identity, as it goes on the wire (UTF-8)
     * @param version  the one TLS version it is used with
     * @param key      the key octets; copied
     */
    public PreSharedKey(String name, String identity, TlsVersion version, byte[] key) {
        this.name = Objects.requireNonNull(name, "name");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.version = Objects.requireNonNull(version, "version");
        this.key = key.clone();
    }

    public String name() {
        return name;
    }

    public String identity() {
        return identity;
    }

    /** The identity as it goes on the wire. */
    public byte[] identityBytes() {
        return identity.getBytes(StandardCharsets.UTF_8);
    }

    public TlsVersion version() {
        return version;
    }

    /** A copy of the key, for the TLS engine; the caller should clear it when done. */
    public byte[] key() {
        return key.clone();
    }

    /** Whether the key equals {@code octets}, in constant time (used to refuse a key equal to a RADIUS secret). */
    public boolean keyEquals(byte[] octets) {
        return MessageDigest.isEqual(key, octets);
    }

    /** Same name, identity, version and key (constant time on the key). */
    @Override
    public boolean equals(Object o) {
        return o instanceof PreSharedKey other && name.equals(other.name) && identity.equals(other.identity)
                && version == other.version && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, identity, version);
    }

    @Override
    public String toString() {
        return "PSK " + name + " (identity '" + identity + "', TLS " + version.label() + ")";
    }
}
