package dev.radsec.pki.internal;

import dev.radsec.common.ConfigReader;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.pki.PreSharedKey;
import dev.radsec.pki.PreSharedKey.TlsVersion;
import dev.radsec.pki.PreSharedKeys;
import dev.radsec.pki.internal.CredentialFileException.Kind;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The validated configuration of one TLS pre-shared key (factory PID {@code dev.radsec.pki.psk}). An inline key is
 * decoded and checked here; a {@code key-file} is read and checked the same way by {@link #readKeyFile} at each
 * load. No message made here quotes the key or any part of it.
 */
final class PskSettings extends NamedSettings {
    static final String FACTORY_PID = "dev.radsec.pki.psk";

    final String identity;
    final TlsVersion version;
    /** The key given inline, or {@code null} with {@link #keyFile}. */
    final PreSharedKey inline;
    /** The file holding the key, or {@code null} with {@link #inline}. */
    final Path keyFile;
    final Duration retryInterval;

    private PskSettings(String name, String identity, TlsVersion version, PreSharedKey inline, Path keyFile,
                        Duration retryInterval, List<String> unknownKeys) {
        super(name, unknownKeys);
        this.identity = identity;
        this.version = version;
        this.inline = inline;
        this.keyFile = keyFile;
        this.retryInterval = retryInterval;
    }

    static PskSettings parse(Map<String, ?> properties, Path base) throws InvalidConfigurationException {
        ConfigReader v = new ConfigReader(properties);
        String name = v.instanceName(FACTORY_PID, null);
        if (name == null) {
            throw new InvalidConfigurationException("name",
                    "is required (or name the file etc/" + FACTORY_PID + "-<name>.cfg)");
        }
        String identity = identity(v.get("identity"));
        String keyText = v.string("key", null);
        String keyFile = v.string("key-file", null);
        TlsVersion version = v.choice("tls-version", TlsVersion.TLS_1_3, PskSettings::version);
        long retry = v.number("retry-interval", CertificateSettings.DEFAULT_RETRY_SECONDS, 1, 86_400);
        if (keyText != null && keyFile != null) {
            throw new InvalidConfigurationException("key", "and key-file are both given: give one of them");
        }
        if (keyText == null && keyFile == null) {
            throw new InvalidConfigurationException("key", "is required (or key-file, a file holding it)");
        }
        PreSharedKey inline = null;
        if (keyText != null) {
            byte[] text = keyText.getBytes(StandardCharsets.ISO_8859_1);
            byte[] octets = null;
            try {
                octets = decodeKey(text);
                inline = new PreSharedKey(name, identity, version, octets);
            } catch (InvalidKey e) {
                throw new InvalidConfigurationException("key", e.getMessage());
            } finally {
                Arrays.fill(text, (byte) 0);
                if (octets != null) {
                    Arrays.fill(octets, (byte) 0);
                }
            }
        }
        return new PskSettings(name, identity, version, inline, keyFile == null ? null : ConfigReader.path(base, keyFile),
                Duration.ofSeconds(retry), v.unknownKeys());
    }

    /** The identity as configured, trimmed; refused when absent, empty, too long, or holding control characters. */
    private static String identity(Object value) throws InvalidConfigurationException {
        if (value == null) {
            throw new InvalidConfigurationException("identity", "is required");
        }
        String raw = value.toString();
        // Before trimming, which would silently drop a trailing tab or newline from what goes on the wire.
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidConfigurationException("identity",
                        String.format("holds a control character (U+%04X) at position %d", (int) c, i + 1));
            }
        }
        String identity = raw.trim();
        if (identity.isEmpty()) {
            throw new InvalidConfigurationException("identity", "is empty");
        }
        int octets;
        try {
            octets = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(identity)).remaining();
        } catch (CharacterCodingException e) {
            throw new InvalidConfigurationException("identity", "is not valid Unicode (a lone surrogate)");
        }
        if (octets > PreSharedKeys.MAX_IDENTITY_OCTETS) {
            throw new InvalidConfigurationException("identity", "is " + octets + " octets of UTF-8, more than the "
                    + PreSharedKeys.MAX_IDENTITY_OCTETS + " allowed");
        }
        return identity;
    }

    private static TlsVersion version(String s) {
        for (TlsVersion v : TlsVersion.values()) {
            if (v.label().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is neither 1.3 nor 1.2");
    }

    /**
     * The key in a key file: its hex, whitespace and line breaks ignored. Missing or unreadable →
     * {@link Kind#MISSING} or {@link Kind#UNREADABLE} as for certificate files; not a usable key →
     * {@link Kind#UNREADABLE}, saying why but never quoting the file's content. The caller clears the result.
     */
    static byte[] readKeyFile(Path file) throws CredentialFileException {
        byte[] text = CredentialFileContent.read(file);
        try {
            return decodeKey(text);
        } catch (InvalidKey e) {
            throw new CredentialFileException(file, Kind.UNREADABLE, "the key in it " + e.getMessage());
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * Decodes hex (either case; ASCII whitespace anywhere is ignored) into a key and checks it: at least
     * {@link PreSharedKeys#MIN_KEY_OCTETS} octets, not all one octet value. The caller clears {@code text} and the
     * result.
     */
    static byte[] decodeKey(byte[] text) throws InvalidKey {
        byte[] buffer = new byte[text.length / 2];
        try {
            int digits = 0;
            int high = 0;
            for (byte b : text) {
                if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b) {
                    continue;
                }
                int d = hexValue(b);
                if (d < 0) {
                    throw new InvalidKey("is not hex: only the digits 0-9 and a-f are allowed, two per octet");
                }
                if (digits % 2 == 0) {
                    high = d;
                } else {
                    buffer[digits / 2] = (byte) (high << 4 | d);
                }
                digits++;
            }
            if (digits == 0) {
                throw new InvalidKey("is empty");
            }
            if (digits % 2 != 0) {
                throw new InvalidKey("is not hex: an odd number of digits (two per octet)");
            }
            int octets = digits / 2;
            if (octets < PreSharedKeys.MIN_KEY_OCTETS) {
                throw new InvalidKey("is too short: " + octets + " octets, at least " + PreSharedKeys.MIN_KEY_OCTETS
                        + " octets are required");
            }
            boolean allSame = true;
            for (int i = 1; i < octets; i++) {
                allSame &= buffer[i] == buffer[0];
            }
            if (allSame) {
                throw new InvalidKey("is all one octet value, not a key");
            }
            return Arrays.copyOf(buffer, octets);
        } finally {
            Arrays.fill(buffer, (byte) 0);
        }
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** A key that cannot be used; the message says why ("is too short: ...") and never quotes the key. */
    static final class InvalidKey extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKey(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The key file, if any. */
    @Override
    List<Path> watchedPaths() {
        return keyFile == null ? List.of() : List.of(keyFile);
    }

    @Override
    public String toString() {
        return "pre-shared key " + name + " (identity '" + identity + "', TLS " + version.label()
                + (keyFile != null ? ", key-file " + keyFile : ", key inline") + ")";
    }
}
