package dev.radsec.transport;

import dev.radsec.codec.RequireMessageAuth;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link RadiusServer#listen} opens: the settings of a {@code dev.radsec.listener} configuration, typed.
 * Immutable; {@link #toString()} never shows a secret. Unset settings take the listener defaults.
 */
public final class ListenerSpec {
    /** How clients reach the listener. */
    public enum Protocol { UDP, RADSEC, DTLS }

    private final Map<String, String> settings;

    private ListenerSpec(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** A RADIUS/UDP listener named {@code name}. */
    public static Builder udp(String name) {
        return new Builder(name, "udp");
    }

    /** A RadSec (TLS) listener named {@code name}; it needs a {@link Builder#tlsCertificate} or {@link Builder#tlsPsk}. */
    public static Builder radsec(String name) {
        return new Builder(name, "radsec");
    }

    /** A RADIUS/DTLS listener (RFC 7360) named {@code name}; it needs a {@link Builder#tlsCertificate}. */
    public static Builder dtls(String name) {
        return new Builder(name, "dtls");
    }

    public String name() {
        return settings.get("name");
    }

    public Protocol protocol() {
        return Protocol.valueOf(settings.get("protocol").toUpperCase(java.util.Locale.ROOT));
    }

    /** The settings as a {@code dev.radsec.listener} configuration writes them, validated by the same rules. */
    public Map<String, String> asConfiguration() {
        return settings;
    }

    @Override
    public String toString() {
        return "listener " + name() + " (" + settings.get("protocol") + " " + settings.getOrDefault("address", "127.0.0.1")
                + ":" + settings.getOrDefault("port", "default") + ")";
    }

    /** Builds a spec; each setter sets the listener key of the same name. */
    public static final class Builder {
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder(String name, String protocol) {
            settings.put("name", Objects.requireNonNull(name, "name"));
            settings.put("protocol", protocol);
        }

        /** The address to bind; default 127.0.0.1. */
        public Builder address(String address) {
            return set("address", address);
        }

        /** 0 picks a free port; default 1812 for udp, 2083 for radsec. */
        public Builder port(int port) {
            return set("port", String.valueOf(port));
        }

        /** Client networks in CIDR, each optionally with its own secret: {@code 10.0.0.0/8 secret, 127.0.0.1/32}. */
        public Builder clients(String clients) {
            return set("clients", clients);
        }

        /** The secret of client networks listed without one. */
        public Builder secret(String secret) {
            return set("secret", secret);
        }

        public Builder tlsCertificate(String name) {
            return set("tls-certificate", name);
        }

        /**
         * Names of PKI pre-shared keys (comma-separated) whose identities clients may use instead of a certificate
         * (TLS-PSK, RFC 9813); the client's handshake decides which it uses.
         */
        public Builder tlsPsk(String names) {
            return set("tls-psk", names);
        }

        /** dtls: the largest datagram of a handshake flight (the path MTU), 512-4352; default 1400. */
        public Builder mtu(int octets) {
            return set("mtu", String.valueOf(octets));
        }

        public Builder tlsTrust(String name) {
            return set("tls-trust", name);
        }

        /** Names a client certificate must carry, comma-separated; empty: any the trust store accepts. */
        public Builder allowedPeerNames(String names) {
            return set("allowed-peer-names", names);
        }

        public Builder tlsTimeout(Duration timeout) {
            return set("tls-timeout", String.valueOf(timeout.getSeconds()));
        }

        public Builder requireMessageAuth(RequireMessageAuth require) {
            return set("require-message-auth", require.toString());
        }

        private Builder set(String key, String value) {
            if (value == null) {
                settings.remove(key);
            } else {
                settings.put(key, value);
            }
            return this;
        }

        public ListenerSpec build() {
            return new ListenerSpec(settings);
        }
    }
}
