package dev.radsec.transport.internal;

import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.common.ConfigReader;
import dev.radsec.codec.RequireMessageAuth;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated configuration of one destination (factory PID {@code dev.radsec.destination}), modelled on Junos
 * {@code radsec destination} and MikroTik {@code /radius}. Immutable. {@link #toString()} never shows the secret.
 */
public final class DestinationSettings {
    public enum Protocol { RADSEC, UDP }

    final int id;
    final String address;
    final Protocol protocol;
    final int port;
    final int accountingPort;
    private final String secret;
    final Duration idReuseTimeout;
    final int maxTxBuffers;
    /** Requests in flight at once over all connections; beyond it they wait in the queue. */
    final int maxOutstanding;
    final String sourceAddress;
    final String tlsCertificate;
    final String tlsTrust;
    /** {@code TLSv1.2} or {@code TLSv1.3}: the lowest version offered. */
    final String tlsMinVersion;
    final String tlsPeerName;
    final Duration tlsTimeout;
    final Duration timeout;
    final int retries;
    /** Default false over RadSec (TLS protects the answer, RFC 6614), auto over UDP (FreeRADIUS 3.2.5's choice). */
    final RequireMessageAuth requireMessageAuth;
    /** Zero: no watchdog. */
    final Duration statusServer;
    /** Zero: never. */
    final Duration idleTimeout;
    final boolean dynamicRequests;
    /** Keys of the configuration nothing above reads: typos to warn about. */
    final List<String> unknownKeys;

    private DestinationSettings(Map<String, ?> p) throws InvalidConfigurationException {
        ConfigReader v = new ConfigReader(p);
        id = (int) v.requiredNumber("id", 1, 65535);
        address = v.string("address", null);
        if (address == null) {
            throw new InvalidConfigurationException("address", "is required");
        }
        String proto = v.string("protocol", "radsec").toLowerCase(Locale.ROOT);
        switch (proto) {
            case "radsec": protocol = Protocol.RADSEC; break;
            case "udp": protocol = Protocol.UDP; break;
            default: throw new InvalidConfigurationException("protocol", "'" + proto + "' is neither radsec nor udp");
        }
        boolean udp = protocol == Protocol.UDP;
        port = (int) v.number("port", udp ? 1812 : 2083, 1, 65535);
        accountingPort = (int) v.number("accounting-port", 1813, 1, 65535);
        String s = v.string("secret", udp ? null : dev.radsec.codec.SharedSecret.RADSEC_DEFAULT);
        if (s == null) {
            throw new InvalidConfigurationException("secret", "is required for udp destinations");
        }
        secret = s;
        idReuseTimeout = Duration.ofSeconds(v.number("id-reuse-timeout", 120, 60, 3600));
        maxTxBuffers = (int) v.number("max-tx-buffers", 100, 32, 3200);
        maxOutstanding = (int) v.number("max-outstanding", DestinationClient.MAX_LINKS * 256, 1,
                DestinationClient.MAX_LINKS * 256);
        sourceAddress = v.string("source-address", null);
        if (sourceAddress != null) {
            literal("source-address", sourceAddress);
        }
        tlsCertificate = v.string("tls-certificate", null);
        tlsTrust = v.string("tls-trust", "default");
        String min = v.string("tls-min-version", "v1.2").toLowerCase(Locale.ROOT);
        switch (min) {
            case "v1.2": tlsMinVersion = "TLSv1.2"; break;
            case "v1.3": tlsMinVersion = "TLSv1.3"; break;
            case "v1.0": case "v1.1":
                throw new InvalidConfigurationException("tls-min-version",
                        "'" + min + "' is refused: TLS 1.0 and 1.1 are deprecated (RFC 8996) and RFC 9325 requires 1.2 or later; use v1.2 or v1.3");
            default:
                throw new InvalidConfigurationException("tls-min-version", "'" + min + "' is neither v1.2 nor v1.3");
        }
        tlsPeerName = v.string("tls-peer-name", address);
        tlsTimeout = Duration.ofSeconds(v.number("tls-timeout", 5, 3, 90));
        timeout = Duration.ofSeconds(v.number("timeout", udp ? 3 : 5, 1, 300));
        retries = (int) v.number("retries", 3, 0, 10);
        requireMessageAuth = v.choice("require-message-auth", udp ? RequireMessageAuth.AUTO : RequireMessageAuth.FALSE,
                RequireMessageAuth::parse);
        statusServer = Duration.ofSeconds(v.number("status-server", 30, 0, 3600));
        idleTimeout = Duration.ofSeconds(v.number("idle-timeout", 0, 0, 86_400));
        dynamicRequests = v.bool("dynamic-requests", false);
        unknownKeys = v.unknownKeys();
        if (protocol == Protocol.RADSEC && tlsCertificate == null) {
            throw new InvalidConfigurationException("tls-certificate",
                    "is required for radsec destinations: RadSec is mutual TLS (RFC 6614 section 2.3)");
        }
    }

    public static DestinationSettings parse(Map<String, ?> properties) throws InvalidConfigurationException {
        return new DestinationSettings(properties);
    }

    private static void literal(String key, String value) throws InvalidConfigurationException {
        boolean looksLiteral = value.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0);
        if (!looksLiteral) {
            throw new InvalidConfigurationException(key, "'" + value + "' is not an IP address");
        }
        try {
            InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new InvalidConfigurationException(key, "'" + value + "' is not an IP address");
        }
    }

    String secret() {
        return secret;
    }

    /** Every key with the value in effect (defaults filled in), as a cfg file writes it; the secret as ******. */
    Map<String, String> effective() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("id", String.valueOf(id));
        m.put("address", address);
        m.put("protocol", protocol.name().toLowerCase(Locale.ROOT));
        m.put("port", String.valueOf(port));
        m.put("accounting-port", String.valueOf(accountingPort));
        m.put("secret", "******");
        m.put("id-reuse-timeout", String.valueOf(idReuseTimeout.getSeconds()));
        m.put("max-tx-buffers", String.valueOf(maxTxBuffers));
        m.put("max-outstanding", String.valueOf(maxOutstanding));
        m.put("source-address", sourceAddress == null ? "" : sourceAddress);
        m.put("tls-certificate", tlsCertificate == null ? "" : tlsCertificate);
        m.put("tls-trust", tlsTrust);
        m.put("tls-min-version", "TLSv1.3".equals(tlsMinVersion) ? "v1.3" : "v1.2");
        m.put("tls-peer-name", tlsPeerName);
        m.put("tls-timeout", String.valueOf(tlsTimeout.getSeconds()));
        m.put("timeout", String.valueOf(timeout.getSeconds()));
        m.put("retries", String.valueOf(retries));
        m.put("require-message-auth", String.valueOf(requireMessageAuth));
        m.put("status-server", String.valueOf(statusServer.getSeconds()));
        m.put("idle-timeout", String.valueOf(idleTimeout.getSeconds()));
        m.put("dynamic-requests", String.valueOf(dynamicRequests));
        return m;
    }

    /** Whether a change from {@code old} to this needs a new connection (Junos: address, certificate, TLS). */
    boolean needsReconnect(DestinationSettings old) {
        return !address.equals(old.address) || protocol != old.protocol || port != old.port
                || accountingPort != old.accountingPort || !java.util.Objects.equals(sourceAddress, old.sourceAddress)
                || !java.util.Objects.equals(tlsCertificate, old.tlsCertificate) || !tlsTrust.equals(old.tlsTrust)
                || !tlsMinVersion.equals(old.tlsMinVersion) || !tlsPeerName.equals(old.tlsPeerName)
                || !tlsTimeout.equals(old.tlsTimeout)
                || !secret.equals(old.secret);
    }

    @Override
    public String toString() {
        return "destination " + id + " (" + protocol.name().toLowerCase(Locale.ROOT) + " " + address + ":" + port
                + ", secret ******)";
    }
}
