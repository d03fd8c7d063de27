package dev.radsec.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Metatype of a destination, one {@code etc/dev.radsec.destination-<name>.cfg} each (Junos radsec destination): what
 * the web console shows. The keys are defined in {@link dev.radsec.transport.DestinationKeys}; annotations take
 * only constants, so they are repeated here, and {@code ConfigurationKeysTest} holds ids, types, ranges, choices,
 * defaults and descriptions to the table.
 */
@ObjectClassDefinition(id = "dev.radsec.destination", name = "RadSec destination",
        description = "A RADIUS server reached over RadSec (RFC 6614) or plain UDP.")
@interface DestinationConfig {
    @AttributeDefinition(min = "1", max = "65535", description = "Unique destination id.")
    int id();

    @AttributeDefinition(description = "Host name or IP address of the server.")
    String address();

    @AttributeDefinition(required = false, options = {@Option(value = "radsec"), @Option(value = "udp"), @Option(value = "dtls")},
            description = "RadSec (RADIUS over TLS, RFC 6614), plain RADIUS over UDP, or RADIUS over DTLS 1.2 (RFC 7360).")
    String protocol() default "radsec";

    @AttributeDefinition(required = false, min = "1", max = "65535", description = "Default 2083 for radsec and dtls, 1812 for udp.")
    int port();

    @AttributeDefinition(name = "accounting-port", required = false, min = "1", max = "65535", description = "udp only.")
    int accounting$_$port() default 1813;

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "Shared secret; 'radsec' by default for radsec (RFC 6614), 'radius/dtls' for dtls (RFC 7360), "
                    + "required for udp.")
    String secret();

    @AttributeDefinition(name = "id-reuse-timeout", required = false, min = "60", max = "3600",
            description = "Seconds before an Identifier is used again on a connection after its request ended.")
    int id$_$reuse$_$timeout() default 120;

    @AttributeDefinition(name = "max-tx-buffers", required = false, min = "32", max = "3200",
            description = "Requests queued for sending; beyond it new requests fail at once with a counted error.")
    int max$_$tx$_$buffers() default 100;

    @AttributeDefinition(name = "max-outstanding", required = false, min = "1", max = "2048",
            description = "Requests in flight at once; more wait in the queue. Set 256 for radsecproxy, which "
                    + "drops what exceeds 256 outstanding towards one upstream server.")
    int max$_$outstanding() default 2048;

    @AttributeDefinition(name = "source-address", required = false, description = "Local address to send from.")
    String source$_$address();

    @AttributeDefinition(name = "tls-certificate", required = false, description = "Name of a PKI local certificate.")
    String tls$_$certificate();

    @AttributeDefinition(name = "tls-psk", required = false,
            description = "Name of a PKI pre-shared key (dev.radsec.pki.psk), instead of tls-certificate: TLS-PSK (RFC 9813).")
    String tls$_$psk();

    @AttributeDefinition(name = "tls-trust", required = false, description = "Name of a PKI trust store.")
    String tls$_$trust() default "default";

    @AttributeDefinition(name = "tls-min-version", required = false,
            options = {@Option(value = "v1.2"), @Option(value = "v1.3")}, description = "Lowest TLS version offered.")
    String tls$_$min$_$version() default "v1.2";

    @AttributeDefinition(name = "tls-peer-name", required = false,
            description = "Name the server certificate must carry as dNSName, iPAddress or NAIRealm; default: address.")
    String tls$_$peer$_$name();

    @AttributeDefinition(name = "tls-timeout", required = false, min = "3", max = "90", description = "TLS handshake limit, seconds.")
    int tls$_$timeout() default 5;

    @AttributeDefinition(required = false,
            description = "Per try for udp and dtls (default 3 s), the whole wait for radsec (default 5 s): seconds as a "
                    + "plain number (3), or with a unit (3s, 300ms); 100ms-300s.")
    String timeout();

    @AttributeDefinition(required = false, min = "0", max = "10", description = "udp and dtls only: retransmissions.")
    int retries() default 3;

    @AttributeDefinition(name = "require-message-auth", required = false, options = {@Option(value = "true"), @Option(value = "false"), @Option(value = "auto")},
            description = "Message-Authenticator in answers to Access-Request (BlastRADIUS): true, false, or auto "
                    + "(required once the server sends one outside EAP, as FreeRADIUS 3.2.5 does). Default auto for "
                    + "udp, false for radsec: TLS protects the answer (RFC 6614), and FreeRADIUS before 3.2.5 and "
                    + "radsecproxy 1.9 never sign a non-EAP Accept or Reject.")
    String require$_$message$_$auth();

    @AttributeDefinition(name = "status-server", required = false, min = "0", max = "3600",
            description = "Status-Server watchdog interval, seconds; 0 disables.")
    int status$_$server() default 30;

    @AttributeDefinition(name = "idle-timeout", required = false, min = "0", max = "86400",
            description = "Seconds of no traffic after which the connection closes; 0 means never.")
    int idle$_$timeout() default 0;

    @AttributeDefinition(name = "reconnect-demand-cap", required = false,
            description = "While requests are sent to this destination when it is down, the next connection attempt "
                    + "comes within this time (jittered between half and all of it) instead of the exponential backoff "
                    + "(0.5-60 s), which applies while nothing wants the destination. 0: always the full backoff "
                    + "(radiusdtls-bis). 0s-60s: 500ms, 1s, or a plain number of seconds.")
    String reconnect$_$demand$_$cap() default "500ms";

    @AttributeDefinition(name = "dynamic-requests", required = false,
            description = "Accept CoA and Disconnect requests from this server (see the relay).")
    boolean dynamic$_$requests() default false;

    @AttributeDefinition(required = false, min = "512", max = "4352", description = "dtls only: the largest datagram a handshake flight uses (the path MTU); packets of up to 4,096 octets still go in one record and leave to IP fragmentation.")
    int mtu() default 1400;

    @AttributeDefinition(required = false,
            description = "MikroTik disabled: the configuration stays and no connection is made; the state reads "
                    + "DISABLED, a request sent to it fails at once as unavailable (counted), and failover lists skip it.")
    boolean disabled() default false;

    @AttributeDefinition(required = false, description = "Free text shown in listings (MikroTik comment); not secret.")
    String comment();

    @AttributeDefinition(required = false,
            description = "What the destination serves (MikroTik service): one or more of login, relay, comma-separated. "
                    + "login: logins of the auth bundle and JAAS; relay: relays. A relay's destinations list keeps its "
                    + "order; service only filters it.")
    String service() default "login,relay";

    @AttributeDefinition(name = "called-id", required = false,
            description = "MikroTik called-id: in failover lists (relays) the destination takes only requests whose "
                    + "Called-Station-Id matches this pattern: * any characters, ? one, case ignored; a request "
                    + "without Called-Station-Id does not match. Empty: every request.")
    String called$_$id();

    @AttributeDefinition(required = false,
            description = "MikroTik domain, for servers that validate the Windows domain: an MS-CHAP Access-Request (it "
                    + "carries MS-CHAP-Challenge) whose User-Name has no backslash is sent to this destination as "
                    + "DOMAIN\\user.")
    String domain();

    @AttributeDefinition(name = "accounting-backup", required = false,
            description = "MikroTik accounting-backup: in failover lists (relays) the destination takes "
                    + "Accounting-Requests only when every destination of the list without accounting-backup is "
                    + "unavailable (down, disabled, not serving the request, or its queue full), and never any other "
                    + "request. Sent to by its id alone, it takes anything.")
    boolean accounting$_$backup() default false;

    @AttributeDefinition(name = "rewrite-in", required = false,
            description = "Rewrites a relay applies to answers as they arrive from this destination: names of "
                    + "dev.radsec.rewrite configurations (etc/dev.radsec.rewrite-<name>.cfg), comma-separated, applied "
                    + "in that order. A name not configured drops the answer.")
    String rewrite$_$in();

    @AttributeDefinition(name = "rewrite-out", required = false,
            description = "Rewrites a relay applies to requests as they leave for this destination: names of "
                    + "dev.radsec.rewrite configurations, comma-separated, applied in that order. A name not "
                    + "configured keeps requests from this destination.")
    String rewrite$_$out();
}
