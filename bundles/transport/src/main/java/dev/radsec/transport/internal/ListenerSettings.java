package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ConfigReader;
import dev.radsec.codec.RequireMessageAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated configuration of one listener (factory PID {@code dev.radsec.listener}): a UDP or RadSec
 * server socket, the clients it accepts, and for RadSec its certificate, trust store and allowed client names.
 */
public final class ListenerSettings {
    final String name;
    final DestinationSettings.Protocol protocol;
    final String address;
    final int port;
    final ClientNetworks clients;
    final String tlsCertificate;
    /** Names of the PKI pre-shared keys whose identities clients may use; empty: certificates only. */
    final List<String> tlsPsk;
    final String tlsTrust;
    final String tlsMinVersion;
    /** How long a client has to complete its TLS handshake (radsec only). */
    final Duration tlsTimeout;
    /** dtls: the largest datagram of a handshake flight. */
    final int mtu;
    /** dtls and radsec: sessions at once; a client beyond it is dropped and counted. */
    final int maxSessions;
    /** dtls and radsec: a session on which nothing arrived for this long is closed. */
    final Duration idleTimeout;
    /** Empty: any certificate the trust store accepts. */
    final List<String> allowedPeerNames;
    /** For Access-Requests of each client network; default false over RadSec, auto over UDP. */
    final RequireMessageAuth requireMessageAuth;
    final Duration duplicateWindow;
    final List<String> unknownKeys;
    /** The secret of client networks listed without one; never shown. */
    private final String secret;

    private ListenerSettings(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigReader p = new ConfigReader(properties);
        name = p.instanceName("dev.radsec.listener", null);
        if (name == null) {
            throw new InvalidConfigurationException("name", "is required (or name the file etc/dev.radsec.listener-<name>.cfg)");
        }
        String proto = p.string("protocol", "radsec").toLowerCase(Locale.ROOT);
        switch (proto) {
            case "radsec": protocol = DestinationSettings.Protocol.RADSEC; break;
            case "udp": protocol = DestinationSettings.Protocol.UDP; break;
            case "dtls": protocol = DestinationSettings.Protocol.DTLS; break;
            default: throw new InvalidConfigurationException("protocol", "'" + proto + "' is not radsec, udp or dtls");
        }
        boolean udp = protocol == DestinationSettings.Protocol.UDP;
        address = p.string("address", "127.0.0.1");
        port = (int) p.number("port", udp ? 1812 : 2083, 0, 65535);
        boolean dtls = protocol == DestinationSettings.Protocol.DTLS;
        secret = p.string("secret", udp ? null
                : dtls ? dev.radsec.transport.DestinationKeys.DTLS_SECRET : dev.radsec.codec.SharedSecret.RADSEC_DEFAULT);
        clients = ClientNetworks.parse("clients", p.string("clients", "127.0.0.1/32, ::1/128"), secret);
        tlsCertificate = p.string("tls-certificate", null);
        tlsPsk = names(p.string("tls-psk", ""));
        if (!udp && tlsCertificate == null && tlsPsk.isEmpty()) {
            throw new InvalidConfigurationException("tls-certificate", "(or tls-psk) is required for a radsec listener");
        }
        tlsTrust = p.string("tls-trust", "default");
        String min = p.string("tls-min-version", "v1.2").toLowerCase(Locale.ROOT);
        if (!min.equals("v1.2") && !min.equals("v1.3")) {
            throw new InvalidConfigurationException("tls-min-version", "'" + min + "' is neither v1.2 nor v1.3 (RFC 9325)");
        }
        tlsMinVersion = min.equals("v1.2") ? "TLSv1.2" : "TLSv1.3";
        if (dtls && min.equals("v1.3")) {
            throw new InvalidConfigurationException("tls-min-version", "v1.3 is not available with protocol dtls: "
                    + "DTLS 1.3 (RFC 9147) is not in the JDK; DTLS 1.2 is used");
        }
        if (dtls && (tlsCertificate == null || !tlsPsk.isEmpty())) {
            throw new InvalidConfigurationException(tlsCertificate == null ? "tls-certificate" : "tls-psk",
                    tlsCertificate == null ? "is required for a dtls listener" : "is not available with protocol dtls"
                            + " (the JDK's DTLS engine has no PSK)");
        }
        maxSessions = (int) p.number("max-sessions", 10_000, 1, 1_000_000);
        mtu = (int) p.number("mtu", 1400, 512, 4352);
        idleTimeout = Duration.ofSeconds(p.number("idle-timeout", 600, 10, 86_400));
        tlsTimeout = Duration.ofSeconds(p.number("tls-timeout", 5, 3, 90));
        allowedPeerNames = names(p.string("allowed-peer-names", ""));
        requireMessageAuth = p.choice("require-message-auth", udp ? RequireMessageAuth.AUTO : RequireMessageAuth.FALSE,
                RequireMessageAuth::parse);
        duplicateWindow = Duration.ofSeconds(p.number("duplicate-window", 10, 1, 300));
        unknownKeys = p.unknownKeys();
    }

    private static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                names.add(s.trim());
            }
        }
        return List.copyOf(names);
    }

    /** The secret of client networks listed without one (a pre-shared key must differ from it); may be null. */
    String secret() {
        return secret;
    }

    public static ListenerSettings parse(Map<String, ?> p) throws InvalidConfigurationException {
        return new ListenerSettings(p);
    }

    @Override
    public String toString() {
        return "listener " + name + " (" + protocol.name().toLowerCase(Locale.ROOT) + " " + address + ":" + port + ")";
    }
}
