package dev.radsec.management;

/**
 * One TLS pre-shared key ({@code dev.radsec.pki.psk} configuration), {@code dev.radsec:type=PreSharedKey,name=<name>}:
 * whether it can be used now and why not, and its settings. Never the key: {@code Key} reads {@code ******} when
 * the key is given inline and empty when not.
 *
 * <p>Settings are the keys of {@code dev.radsec.pki.psk} ({@code KeyFile} is {@code key-file}), with the key's
 * metatype as their JMX description. They read as stored in the key's cfg file, else as their default, and are
 * writable: a write goes through ConfigAdmin into {@code etc/dev.radsec.pki.psk-<name>.cfg}, validated as the file
 * is (an invalid value fails with an {@link IllegalArgumentException} {@code key: reason} that never quotes a key,
 * and the key in use stays). {@code Key} written back as {@code ******} keeps the one stored; an empty value removes
 * a setting. The name is the MBean's identity and does not change here. Create and remove keys with
 * {@link PreSharedKeysMXBean}.
 */
public interface PreSharedKeyMXBean {
    /** The key's name, as destinations and listeners give it in {@code tls-psk}. Read-only. */
    String getName();

    // ------------------------------------------------------------------------------------------------ status

    /** Whether the key can be used now. */
    boolean isUsable();

    /** {@code available}, or {@code unavailable: } and the reason. */
    String getStatus();

    /** Why it cannot be used (not configured, key file missing or unreadable, invalid key file); empty when usable. */
    String getReason();

    /** The PSK identity the PKI holds now for this name; empty when it holds none. */
    String getIdentityInUse();

    /** The TLS version ({@code 1.3} or {@code 1.2}) the PKI holds now for this name; empty when it holds none. */
    String getTlsVersionInUse();

    // ------------------------------------------------------------------------------------------------ configuration

    /** {@code identity}: the PSK identity as it goes on the wire (UTF-8, 1 to 128 octets, no control characters). */
    String getIdentity();

    void setIdentity(String identity);

    /** {@code key}: the key in hex, inline; reads {@code ******} when set and empty when not, never the key. */
    String getKey();

    /** @param key the key in hex (at least 16 octets); {@code ******} keeps the stored one; empty removes it */
    void setKey(String key);

    /** {@code key-file}: a file holding the key in hex, relative to {@code etc/} unless absolute. */
    String getKeyFile();

    void setKeyFile(String keyFile);

    /** {@code tls-version}: {@code 1.3} (default) or {@code 1.2}, the one version this key is used with. */
    String getTlsVersion();

    void setTlsVersion(String version);

    /** {@code retry-interval}: seconds between attempts to read an unusable key-file (1-86400, default 300). */
    long getRetryInterval();

    void setRetryInterval(long seconds);
}
