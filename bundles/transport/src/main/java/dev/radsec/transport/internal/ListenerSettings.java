package dev.radsec.transport.internal;

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
    final String tlsTrust;
    final String tlsMinVersion;
    /** Empty: any certificate the trust store accepts. */
    final List<String> allowedPeerNames;
    final boolean requireMessageAuth;
    final Duration duplicateWindow;

    private ListenerSettings(Map<String, ?> p) throws InvalidConfigurationException {
        name = string(p, "name", null);
        if (name == null) {
            throw new InvalidConfigurationException("name", "is required");
        }
        String proto = string(p, "protocol", "radsec").toLowerCase(Locale.ROOT);
        switch (proto) {
            case "radsec": protocol = DestinationSettings.Protocol.RADSEC; break;
            case "udp": protocol = DestinationSettings.Protocol.UDP; break;
            default: throw new InvalidConfigurationException("protocol", "'" + proto + "' is neither radsec nor udp");
        }
        boolean udp = protocol == DestinationSettings.Protocol.UDP;
        address = string(p, "address", "127.0.0.1");
        port = (int) number(p, "port", udp ? 1812 : 2083, 0, 65535);
        String secret = string(p, "secret", udp ? null : dev.radsec.codec.SharedSecret.RADSEC_DEFAULT);
        clients = ClientNetworks.parse("clients", string(p, "clients", "127.0.0.1/32, ::1/128"), secret);
        tlsCertificate = string(p, "tls-certificate", null);
        if (!udp && tlsCertificate == null) {
            throw new InvalidConfigurationException("tls-certificate", "is required for a radsec listener");
        }
        tlsTrust = string(p, "tls-trust", "default");
        String min = string(p, "tls-min-version", "v1.2").toLowerCase(Locale.ROOT);
        if (!min.equals("v1.2") && !min.equals("v1.3")) {
            throw new InvalidConfigurationException("tls-min-version", "'" + min + "' is neither v1.2 nor v1.3 (RFC 9325)");
        }
        tlsMinVersion = min.equals("v1.2") ? "TLSv1.2" : "TLSv1.3";
        allowedPeerNames = new ArrayList<>();
        for (String s : string(p, "allowed-peer-names", "").split(",")) {
            if (!s.isBlank()) {
                allowedPeerNames.add(s.trim());
            }
        }
        String require = string(p, "require-message-auth", "true");
        if (!require.equals("true") && !require.equals("false")) {
            throw new InvalidConfigurationException("require-message-auth", "'" + require + "' is neither true nor false");
        }
        requireMessageAuth = Boolean.parseBoolean(require);
        duplicateWindow = Duration.ofSeconds(number(p, "duplicate-window", 10, 1, 300));
    }

    public static ListenerSettings parse(Map<String, ?> p) throws InvalidConfigurationException {
        return new ListenerSettings(p);
    }

    private static String string(Map<String, ?> p, String key, String def) {
        Object o = p.get(key);
        String s = o == null ? "" : o.toString().trim();
        return s.isEmpty() ? def : s;
    }

    private static long number(Map<String, ?> p, String key, long def, long min, long max) throws InvalidConfigurationException {
        String s = string(p, key, null);
        if (s == null) {
            return def;
        }
        long n;
        try {
            n = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, "'" + s + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new InvalidConfigurationException(key, n + " is outside " + min + "-" + max);
        }
        return n;
    }

    @Override
    public String toString() {
        return "listener " + name + " (" + protocol.name().toLowerCase(Locale.ROOT) + " " + address + ":" + port + ")";
    }
}
