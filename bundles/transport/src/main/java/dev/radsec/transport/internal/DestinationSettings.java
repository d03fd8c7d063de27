package dev.radsec.transport.internal;

import static dev.radsec.transport.DestinationKeys.*;

import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.common.Config;
import dev.radsec.common.InvalidConfigurationException;
import dev.radsec.transport.DestinationKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validated configuration of one destination (factory PID {@code dev.radsec.destination}), modelled on Junos
 * {@code radsec destination} and MikroTik {@code /radius}: the keys of {@link DestinationKeys}, typed, and the rules
 * between them. Immutable. {@link #toString()} never shows the secret.
 */
public final class DestinationSettings {
    public enum Protocol { RADSEC, UDP, DTLS }

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
    /** The PKI pre-shared key used instead of a certificate; null for a certificate. */
    final String tlsPsk;
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
    /** Zero: the full backoff even while requests want the destination. */
    final Duration reconnectDemandCap;
    /** dtls: the largest datagram of a handshake flight. */
    final int mtu;
    final boolean dynamicRequests;
    /** MikroTik disabled: no connection, requests fail at once. */
    final boolean disabled;
    final String comment;
    /** MikroTik service: whether logins and relays use the destination. */
    final boolean login;
    final boolean relay;
    /** MikroTik called-id, compiled once per configuration; null: every request. */
    final CalledIdPattern calledId;
    /** MikroTik domain for MS-CHAP User-Names; null: none. */
    final String domain;
    final boolean accountingBackup;
    /** Rewrite names a relay applies to this destination's answers, in order; empty: none. Resolved by the relay. */
    final List<String> rewriteIn;
    /** Rewrite names a relay applies to requests for this destination, in order; empty: none. */
    final List<String> rewriteOut;
    /** Keys of the configuration nothing above reads: typos to warn about. */
    final List<String> unknownKeys;
    private final Config config;

    private DestinationSettings(Config c) throws InvalidConfigurationException {
        config = c;
        id = c.get(ID);
        address = c.get(ADDRESS);
        protocol = Protocol.valueOf(c.get(PROTOCOL).toUpperCase(Locale.ROOT));
        port = c.get(PORT);
        accountingPort = c.get(ACCOUNTING_PORT);
        secret = c.get(SECRET);
        idReuseTimeout = c.get(ID_REUSE_TIMEOUT);
        maxTxBuffers = c.get(MAX_TX_BUFFERS);
        maxOutstanding = c.get(MAX_OUTSTANDING);
        sourceAddress = c.get(SOURCE_ADDRESS);
        tlsCertificate = c.get(TLS_CERTIFICATE);
        tlsPsk = c.get(TLS_PSK);
        tlsTrust = c.get(TLS_TRUST);
        tlsMinVersion = "v1.3".equals(c.get(TLS_MIN_VERSION)) ? "TLSv1.3" : "TLSv1.2";
        tlsPeerName = c.get(TLS_PEER_NAME);
        tlsTimeout = c.get(TLS_TIMEOUT);
        timeout = c.get(TIMEOUT);
        retries = c.get(RETRIES);
        requireMessageAuth = c.get(REQUIRE_MESSAGE_AUTH);
        statusServer = c.get(STATUS_SERVER);
        idleTimeout = c.get(IDLE_TIMEOUT);
        reconnectDemandCap = c.get(RECONNECT_DEMAND_CAP);
        dynamicRequests = c.get(DYNAMIC_REQUESTS);
        mtu = c.get(MTU);
        disabled = c.get(DISABLED);
        comment = c.get(COMMENT);
        List<String> services = List.of(c.get(SERVICE).split(","));
        login = services.contains(SERVICE_LOGIN);
        relay = services.contains(SERVICE_RELAY);
        calledId = c.get(CALLED_ID) == null ? null : CalledIdPattern.compile(c.get(CALLED_ID));
        domain = c.get(DOMAIN);
        accountingBackup = c.get(ACCOUNTING_BACKUP);
        rewriteIn = rewriteNames(REWRITE_IN.name(), c.get(REWRITE_IN));
        rewriteOut = rewriteNames(REWRITE_OUT.name(), c.get(REWRITE_OUT));
        unknownKeys = c.unknownKeys();
        // rules between keys, and what the key table cannot say
        if (secret == null) {
            throw new InvalidConfigurationException(SECRET.name(), "is required for udp destinations");
        }
        if (sourceAddress != null) {
            literal(SOURCE_ADDRESS.name(), sourceAddress);
        }
        if (domain != null && (domain.indexOf('\\') >= 0 || domain.indexOf('@') >= 0)) {
            throw InvalidConfigurationException.of(DOMAIN.name(), domain, "is not a Windows domain name: no \\ or @",
                    null);
        }
        if (tlsCertificate != null && tlsPsk != null) {
            throw new InvalidConfigurationException(TLS_PSK.name(), "and tls-certificate are both set: a destination "
                    + "authenticates with one of them");
        }
        if (protocol == Protocol.DTLS && tlsPsk != null) {
            throw new InvalidConfigurationException(TLS_PSK.name(), "is not available with protocol dtls: the JDK's "
                    + "DTLS engine has no PSK; use tls-certificate");
        }
        if (protocol == Protocol.DTLS && tlsCertificate == null) {
            throw new InvalidConfigurationException(TLS_CERTIFICATE.name(), "is required for dtls destinations: "
                    + "RADIUS/DTLS is mutual TLS (RFC 7360)");
        }
        if (protocol == Protocol.DTLS && "TLSv1.3".equals(tlsMinVersion)) {
            throw new InvalidConfigurationException(TLS_MIN_VERSION.name(), "v1.3 is not available with protocol "
                    + "dtls: DTLS 1.3 (RFC 9147) is not in the JDK; DTLS 1.2 is used");
        }
        if (protocol == Protocol.RADSEC && tlsCertificate == null && tlsPsk == null) {
            throw new InvalidConfigurationException(TLS_CERTIFICATE.name(), "(or tls-psk) is required for radsec "
                    + "destinations: RadSec is mutual TLS (RFC 6614 section 2.3)");
        }
    }

    /** Parses a configuration through {@link DestinationKeys#TABLE}, then checks the rules between keys. */
    public static DestinationSettings parse(Map<String, ?> properties) throws InvalidConfigurationException {
        Object service = properties.get(SERVICE.name());
        if (service != null && dev.radsec.common.ConfigReader.items(service).isEmpty()) {
            // written but naming nothing (service =): a destination nobody may use is a mistake, not the default
            throw InvalidConfigurationException.of(SERVICE.name(), service, "names nothing", SERVICE.allowed());
        }
        return new DestinationSettings(DestinationKeys.TABLE.parse(properties));
    }

    /** A rewrite's name is the suffix of its file, {@code etc/dev.radsec.rewrite-<name>.cfg}. */
    private static final java.util.regex.Pattern REWRITE_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_@-]*(\\.[A-Za-z0-9_@-]+)*");

    /** {@code a, b}: rewrite names, in order; the relay resolves them, so only their spelling is checked here. */
    private static List<String> rewriteNames(String key, String value) throws InvalidConfigurationException {
        List<String> names = dev.radsec.common.ConfigReader.items(value);
        for (String name : names) {
            if (!REWRITE_NAME.matcher(name).matches()) {
                throw InvalidConfigurationException.of(key, name, "is not a rewrite name",
                        "the <name> of etc/dev.radsec.rewrite-<name>.cfg: letters, digits, '-', '_', '@', '.'");
            }
        }
        return List.copyOf(names);
    }

    private static void literal(String key, String value) throws InvalidConfigurationException {
        if (!looksLikeAddress(value)) {
            throw new InvalidConfigurationException(key, "'" + value + "' is not an IP address");
        }
        try {
            InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new InvalidConfigurationException(key, "'" + value + "' is not an IP address");
        }
    }

    /**
     * Whether {@code name} is written like an IP address (digits, hex digits, dots and colons) rather than a host
     * name: such a name is never resolved, and is never sent as SNI (RFC 6066 section 3).
     */
    static boolean looksLikeAddress(String name) {
        return name.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0);
    }

    /** Whether the destination serves {@code service}: MikroTik {@code /radius service}. */
    boolean serves(dev.radsec.transport.RadiusClient.Service service) {
        return service == dev.radsec.transport.RadiusClient.Service.LOGIN ? login : relay;
    }

    /** The timeout as messages write it: {@code 5s}, {@code 300ms}. */
    String timeoutText() {
        return dev.radsec.common.ConfigReader.unitText(timeout);
    }

    String secret() {
        return secret;
    }

    /** Every key with the value in effect (defaults filled in), as a cfg file writes it; the secret as ******. */
    Map<String, String> effective() {
        return config.effective();
    }

    /** Whether a change from {@code old} to this needs a new connection (Junos: address, certificate, TLS). */
    boolean needsReconnect(DestinationSettings old) {
        return config.needsReconnect(old.config);
    }

    @Override
    public String toString() {
        return "destination " + id + " (" + protocol.name().toLowerCase(Locale.ROOT) + " " + address + ":" + port
                + ", secret ******)";
    }
}
