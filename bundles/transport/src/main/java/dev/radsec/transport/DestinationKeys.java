package dev.radsec.transport;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import dev.radsec.codec.RequireMessageAuth;
import dev.radsec.codec.SharedSecret;
import dev.radsec.common.Config;
import dev.radsec.common.ConfigKey;
import dev.radsec.common.ConfigTable;
import java.time.Duration;

/**
 * The keys of a destination (factory PID {@code dev.radsec.destination}, one {@code etc/dev.radsec.destination-<name>.cfg}
 * each), each defined once: documentation, default, range or choices, whether a change needs a new connection, and
 * whether it is secret. They drive the parsing and its errors, the effective configuration
 * ({@link RadiusClient#configuration(int)}) and the JMX attribute descriptions; a test holds the metatype the web
 * console shows to the same ids and defaults. Rules between keys (a udp destination needs a secret, a radsec one a
 * certificate) are the transport's.
 */
public final class DestinationKeys {
    private DestinationKeys() {
    }

    /** RFC 7360 section 2.1: the shared secret of RADIUS/DTLS. */
    public static final String DTLS_SECRET = "radius/dtls";

    private static final String TLS_REFUSED = "TLS 1.0 and 1.1 are deprecated (RFC 8996) and RFC 9325 requires 1.2 "
            + "or later";

    public static final ConfigKey<Integer> ID = ConfigKey.number("id", 1, 65535).required()
            .doc("Unique destination id.");

    public static final ConfigKey<String> ADDRESS = ConfigKey.text("address").required().reconnect()
            .doc("Host name or IP address of the server.");

    public static final ConfigKey<String> PROTOCOL = ConfigKey.choice("protocol", "radsec", "udp", "dtls")
            .defaultValue("radsec").reconnect()
            .doc("RadSec (RADIUS over TLS, RFC 6614), plain RADIUS over UDP, or RADIUS over DTLS 1.2 (RFC 7360).");

    public static final ConfigKey<Integer> PORT = ConfigKey.number("port", 1, 65535)
            .defaultFrom(c -> udp(c) ? 1812 : 2083).reconnect()
            .doc("Default 2083 for radsec and dtls, 1812 for udp.");

    public static final ConfigKey<Integer> ACCOUNTING_PORT = ConfigKey.number("accounting-port", 1, 65535)
            .defaultValue(1813).reconnect()
            .doc("udp only.");

    public static final ConfigKey<String> SECRET = ConfigKey.text("secret").secret().reconnect()
            .defaultFrom(c -> udp(c) ? null : dtls(c) ? DTLS_SECRET : SharedSecret.RADSEC_DEFAULT)
            .doc("Shared secret; 'radsec' by default for radsec (RFC 6614), 'radius/dtls' for dtls (RFC 7360), "
                    + "required for udp.");

    public static final ConfigKey<Duration> ID_REUSE_TIMEOUT = ConfigKey.seconds("id-reuse-timeout", 60, 3600)
            .defaultValue(ofSeconds(120))
            .doc("Seconds before an Identifier is used again on a connection after its request ended.");

    public static final ConfigKey<Integer> MAX_TX_BUFFERS = ConfigKey.number("max-tx-buffers", 32, 3200)
            .defaultValue(100)
            .doc("Requests queued for sending; beyond it new requests fail at once with a counted error.");

    /** At most 8 connections of 256 Identifiers each. */
    public static final ConfigKey<Integer> MAX_OUTSTANDING = ConfigKey.number("max-outstanding", 1, 2048)
            .defaultValue(2048)
            .doc("Requests in flight at once; more wait in the queue. Set 256 for radsecproxy, which drops what "
                    + "exceeds 256 outstanding towards one upstream server.");

    public static final ConfigKey<String> SOURCE_ADDRESS = ConfigKey.text("source-address").reconnect()
            .doc("Local address to send from.");

    public static final ConfigKey<String> TLS_CERTIFICATE = ConfigKey.text("tls-certificate").reconnect()
            .doc("Name of a PKI local certificate.");

    public static final ConfigKey<String> TLS_PSK = ConfigKey.text("tls-psk").reconnect()
            .doc("Name of a PKI pre-shared key (dev.radsec.pki.psk), instead of tls-certificate: TLS-PSK (RFC 9813).");

    public static final ConfigKey<String> TLS_TRUST = ConfigKey.text("tls-trust").defaultValue("default").reconnect()
            .doc("Name of a PKI trust store.");

    public static final ConfigKey<String> TLS_MIN_VERSION = ConfigKey.choice("tls-min-version", "v1.2", "v1.3")
            .defaultValue("v1.2").reconnect()
            .refusing("v1.0", TLS_REFUSED).refusing("v1.1", TLS_REFUSED)
            .doc("Lowest TLS version offered.");

    public static final ConfigKey<String> TLS_PEER_NAME = ConfigKey.text("tls-peer-name").reconnect()
            .defaultFrom(c -> c.get(ADDRESS))
            .doc("Name the server certificate must carry as dNSName, iPAddress or NAIRealm; default: address.");

    public static final ConfigKey<Duration> TLS_TIMEOUT = ConfigKey.seconds("tls-timeout", 3, 90)
            .defaultValue(ofSeconds(5)).reconnect()
            .doc("TLS handshake limit, seconds.");

    /** MikroTik's default is 300 ms, hence milliseconds; a plain number stays seconds, as it always was. */
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("timeout", ofMillis(100), ofSeconds(300))
            .defaultFrom(c -> ofSeconds(datagrams(c) ? 3 : 5))
            .doc("Per try for udp and dtls (default 3 s), the whole wait for radsec (default 5 s): seconds as a plain "
                    + "number (3), or with a unit (3s, 300ms); 100ms-300s.");

    public static final ConfigKey<Integer> RETRIES = ConfigKey.number("retries", 0, 10)
            .defaultValue(3)
            .doc("udp and dtls only: retransmissions.");

    public static final ConfigKey<RequireMessageAuth> REQUIRE_MESSAGE_AUTH =
            ConfigKey.choice("require-message-auth", RequireMessageAuth.values())
            .defaultFrom(c -> udp(c) ? RequireMessageAuth.AUTO : RequireMessageAuth.FALSE)
            .doc("Message-Authenticator in answers to Access-Request (BlastRADIUS): true, false, or auto "
                    + "(required once the server sends one outside EAP, as FreeRADIUS 3.2.5 does). Default auto for "
                    + "udp, false for radsec: TLS protects the answer (RFC 6614), and FreeRADIUS before 3.2.5 and "
                    + "radsecproxy 1.9 never sign a non-EAP Accept or Reject.");

    public static final ConfigKey<Duration> STATUS_SERVER = ConfigKey.seconds("status-server", 0, 3600)
            .defaultValue(ofSeconds(30))
            .doc("Status-Server watchdog interval, seconds; 0 disables.");

    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.seconds("idle-timeout", 0, 86_400)
            .defaultValue(Duration.ZERO)
            .doc("Seconds of no traffic after which the connection closes; 0 means never.");

    /**
     * The cap on the reconnect backoff while requests want the destination. A deliberate departure from
     * radiusdtls-bis ("new packets should not reset the reconnection timer"): a refused TCP connect costs the server
     * nothing, while NAS devices fail over after seconds.
     */
    public static final ConfigKey<Duration> RECONNECT_DEMAND_CAP = ConfigKey.duration("reconnect-demand-cap",
            Duration.ZERO, ofSeconds(60)).defaultValue(ofMillis(500))
            .doc("While requests are sent to this destination when it is down, the next connection attempt comes "
                    + "within this time (jittered between half and all of it) instead of the exponential backoff "
                    + "(0.5-60 s), which applies while nothing wants the destination. 0: always the full backoff "
                    + "(radiusdtls-bis). 0s-60s: 500ms, 1s, or a plain number of seconds.");

    public static final ConfigKey<Integer> MTU = ConfigKey.number("mtu", 512, 4352).defaultValue(1400).reconnect()
            .doc("dtls only: the largest datagram a handshake flight uses (the path MTU); packets of up to 4,096 octets still go in one record and leave to IP fragmentation.");

    public static final ConfigKey<Boolean> DYNAMIC_REQUESTS = ConfigKey.flag("dynamic-requests")
            .defaultValue(false)
            .doc("Accept CoA and Disconnect requests from this server (see the relay).");

    // ---------------------------------------------------------------- MikroTik /radius settings

    /** A change reconnects: disabling closes the connections (requests in flight finish), enabling opens one. */
    public static final ConfigKey<Boolean> DISABLED = ConfigKey.flag("disabled").defaultValue(false).reconnect()
            .doc("MikroTik disabled: the configuration stays and no connection is made; the state reads DISABLED, a "
                    + "request sent to it fails at once as unavailable (counted), and failover lists skip it.");

    public static final ConfigKey<String> COMMENT = ConfigKey.text("comment")
            .doc("Free text shown in listings (MikroTik comment); not secret.");

    /** Words of {@link #SERVICE}. */
    public static final String SERVICE_LOGIN = "login";
    public static final String SERVICE_RELAY = "relay";

    public static final ConfigKey<String> SERVICE = ConfigKey.subset("service", SERVICE_LOGIN, SERVICE_RELAY)
            .defaultValue(SERVICE_LOGIN + "," + SERVICE_RELAY)
            .doc("What the destination serves (MikroTik service): one or more of login, relay, comma-separated. "
                    + "login: logins of the auth bundle and JAAS; relay: relays. A relay's destinations list keeps its "
                    + "order; service only filters it.");

    public static final ConfigKey<String> CALLED_ID = ConfigKey.text("called-id")
            .doc("MikroTik called-id: in failover lists (relays) the destination takes only requests whose "
                    + "Called-Station-Id matches this pattern: * any characters, ? one, case ignored; a request "
                    + "without Called-Station-Id does not match. Empty: every request.");

    public static final ConfigKey<String> DOMAIN = ConfigKey.text("domain")
            .doc("MikroTik domain, for servers that validate the Windows domain: an MS-CHAP Access-Request (it "
                    + "carries MS-CHAP-Challenge) whose User-Name has no backslash is sent to this destination as "
                    + "DOMAIN\\user.");

    public static final ConfigKey<Boolean> ACCOUNTING_BACKUP = ConfigKey.flag("accounting-backup").defaultValue(false)
            .doc("MikroTik accounting-backup: in failover lists (relays) the destination takes Accounting-Requests "
                    + "only when every destination of the list without accounting-backup is unavailable (down, "
                    + "disabled, not serving the request, or its queue full), and never any other request. Sent to "
                    + "by its id alone, it takes anything.");

    // ---------------------------------------------------------------- relay policy (issue 20)

    /** Names of {@code dev.radsec.rewrite} configurations; the transport carries them, a relay resolves them. */
    public static final ConfigKey<String> REWRITE_IN = ConfigKey.text("rewrite-in")
            .doc("Rewrites a relay applies to answers as they arrive from this destination: names of "
                    + "dev.radsec.rewrite configurations (etc/dev.radsec.rewrite-<name>.cfg), comma-separated, applied "
                    + "in that order. A name not configured drops the answer.");

    public static final ConfigKey<String> REWRITE_OUT = ConfigKey.text("rewrite-out")
            .doc("Rewrites a relay applies to requests as they leave for this destination: names of "
                    + "dev.radsec.rewrite configurations, comma-separated, applied in that order. A name not "
                    + "configured keeps requests from this destination.");

    /** Every destination key, in the order of the metatype and the effective configuration. */
    public static final ConfigTable TABLE = ConfigTable.of(ID, ADDRESS, PROTOCOL, PORT, ACCOUNTING_PORT, SECRET,
            ID_REUSE_TIMEOUT, MAX_TX_BUFFERS, MAX_OUTSTANDING, SOURCE_ADDRESS, TLS_CERTIFICATE, TLS_PSK, TLS_TRUST,
            TLS_MIN_VERSION, TLS_PEER_NAME, TLS_TIMEOUT, TIMEOUT, RETRIES, REQUIRE_MESSAGE_AUTH, STATUS_SERVER,
            IDLE_TIMEOUT, RECONNECT_DEMAND_CAP, DYNAMIC_REQUESTS, MTU, DISABLED, COMMENT, SERVICE, CALLED_ID, DOMAIN, ACCOUNTING_BACKUP,
            REWRITE_IN, REWRITE_OUT);

    private static boolean udp(Config earlier) {
        return "udp".equals(earlier.get(PROTOCOL));
    }

    private static boolean dtls(Config earlier) {
        return "dtls".equals(earlier.get(PROTOCOL));
    }

    /** Datagrams can be lost: per-try timeouts and retransmissions, as RFC 7360 has for DTLS too. */
    private static boolean datagrams(Config earlier) {
        return udp(earlier) || dtls(earlier);
    }
}
