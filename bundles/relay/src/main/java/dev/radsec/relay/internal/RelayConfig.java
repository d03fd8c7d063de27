package dev.radsec.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of a UDP-to-RadSec relay, one {@code etc/dev.radsec.relay-<name>.cfg} each. */
@ObjectClassDefinition(id = "dev.radsec.relay", name = "RadSec relay",
        description = "Takes RADIUS/UDP from NAS devices and relays it to RadSec destinations.")
@interface RelayConfig {
    @AttributeDefinition(required = false,
            description = "Default: the file's <name> (etc/dev.radsec.relay-<name>.cfg), else 'default'.")
    String name();

    @AttributeDefinition(required = false, options = {@org.osgi.service.metatype.annotations.Option(value = "udp"),
            @org.osgi.service.metatype.annotations.Option(value = "radsec"),
            @org.osgi.service.metatype.annotations.Option(value = "dtls")},
            description = "udp: NAS devices send RADIUS/UDP to auth-port and acct-port; radsec: access points send "
                    + "RadSec to port, and the destinations are usually udp ones; dtls: access points send RADIUS/DTLS "
                    + "(RFC 7360) to port (udp).")
    String protocol() default "udp";

    @AttributeDefinition(required = false, min = "0", max = "65535", description = "The RadSec port (protocol radsec).")
    int port() default 2083;

    @AttributeDefinition(name = "tls-certificate", required = false, description = "protocol radsec: our certificate.")
    String tls$_$certificate();

    @AttributeDefinition(name = "tls-psk", required = false, description = "protocol radsec: names of PKI pre-shared "
            + "keys (dev.radsec.pki.psk) whose identities access points may use instead of a certificate (RFC 9813).")
    String tls$_$psk();

    @AttributeDefinition(required = false, min = "512", max = "4352", description = "dtls only: the largest datagram a handshake flight uses (the path MTU); packets of up to 4,096 octets still go in one record and leave to IP fragmentation.")
    int mtu() default 1400;

    @AttributeDefinition(name = "tls-trust", required = false, description = "protocol radsec: trust store for clients.")
    String tls$_$trust() default "default";

    @AttributeDefinition(name = "allowed-peer-names", required = false,
            description = "protocol radsec: names an access point certificate must carry; empty: any trusted.")
    String allowed$_$peer$_$names();

    @AttributeDefinition(name = "tls-timeout", required = false, min = "3", max = "90",
            description = "protocol radsec: seconds an access point has to complete its TLS handshake.")
    int tls$_$timeout() default 5;

    @AttributeDefinition(name = "listen-address", required = false)
    String listen$_$address() default "127.0.0.1";

    @AttributeDefinition(name = "auth-port", required = false, min = "0", max = "65535")
    int auth$_$port() default 1812;

    @AttributeDefinition(name = "acct-port", required = false, min = "0", max = "65535")
    int acct$_$port() default 1813;

    @AttributeDefinition(required = false, description = "NAS networks in CIDR, each optionally with its own secret: "
            + "'10.0.0.0/8 secret-a, 192.0.2.0/24'. Anything else is dropped and counted.")
    String clients() default "127.0.0.1/32";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "The NAS shared secret, for networks listed without one.")
    String secret();

    @AttributeDefinition(required = false, description = "Ordered destination ids, for failover: '1, 2'.")
    String destinations();

    @AttributeDefinition(required = false, description = "Realm routing: 'example.org=2, *=1'.")
    String realms();

    @AttributeDefinition(required = false, options = {@org.osgi.service.metatype.annotations.Option(value = "failover"),
            @org.osgi.service.metatype.annotations.Option(value = "round-robin"),
            @org.osgi.service.metatype.annotations.Option(value = "keyed")},
            description = "How requests spread over a route's destinations (destinations, or a realm's): failover "
                    + "(the first that is up takes all); round-robin (rotate over those up; not for EAP, whose rounds "
                    + "must reach one server); keyed (a consistent hash of balance-key, Acct-Session-Id for "
                    + "accounting, keeps each EAP conversation and each session on one server; while a destination "
                    + "is down only its keys move, to the next destination on the ring, and they come back).")
    String balance() default "failover";

    @AttributeDefinition(name = "balance-key", required = false, description = "balance keyed: the attributes "
            + "(names of the dictionary) whose values, one after another, are an Access-Request's key.")
    String balance$_$key() default "Calling-Station-Id, Called-Station-Id, User-Name";

    @AttributeDefinition(required = false, description = "balance round-robin and keyed: destination id:weight, "
            + "'11:2, 12:1' (1-100; ids not listed weigh 1). A destination takes requests in proportion to its weight.")
    String weights();

    @AttributeDefinition(required = false, description = "The default realm (MikroTik realm): a User-Name without "
            + "'@realm' is routed by realms as if it had this one; with realm-append it is also sent on as user@realm.")
    String realm();

    @AttributeDefinition(name = "realm-append", required = false, description = "Append '@' and realm to a User-Name "
            + "without a realm before forwarding (MikroTik realm); routing still reads the name as the NAS sent it. "
            + "Needs realm.")
    boolean realm$_$append() default false;

    @AttributeDefinition(name = "coa-port", required = false, min = "1", max = "65535",
            description = "UDP port NAS devices take CoA and Disconnect requests on (RFC 5176).")
    int coa$_$port() default 3799;

    @AttributeDefinition(name = "require-message-auth", required = false,
            options = {@org.osgi.service.metatype.annotations.Option(value = "true"),
                    @org.osgi.service.metatype.annotations.Option(value = "false"),
                    @org.osgi.service.metatype.annotations.Option(value = "auto")},
            description = "Message-Authenticator on Access-Request from each client network (BlastRADIUS): true, "
                    + "false, or auto (required once the network sends one outside EAP). Default auto for udp, "
                    + "false for radsec (TLS protects integrity).")
    String require$_$message$_$auth();

    @AttributeDefinition(name = "reject-when-unavailable", required = false,
            description = "Answer Access-Reject when no destination answers; otherwise no answer, so the NAS fails over.")
    boolean reject$_$when$_$unavailable() default false;

    @AttributeDefinition(name = "accounting-spool-max", required = false, min = "0", max = "1048576",
            description = "MiB of disk for Accounting-Requests no destination takes: each is answered to the NAS once "
                    + "it is on disk (data/radsec/spool/<relay>/) and sent on, in order, when a destination is back. "
                    + "When full, such requests go unanswered (the NAS keeps them); 0: no spool.")
    int accounting$_$spool$_$max() default 64;

    @AttributeDefinition(name = "rewrite-in", required = false, description = "Rewrites applied to requests as "
            + "they arrive from a NAS, before routing: names of dev.radsec.rewrite configurations "
            + "(etc/dev.radsec.rewrite-<name>.cfg), comma-separated, applied in that order. A name not configured "
            + "drops the requests.")
    String rewrite$_$in();

    @AttributeDefinition(name = "rewrite-out", required = false, description = "Rewrites applied to answers as they "
            + "leave for the NAS: names of dev.radsec.rewrite configurations, comma-separated, applied in that order. "
            + "A name not configured drops the answers.")
    String rewrite$_$out();

    @AttributeDefinition(name = "realm-rewrites", required = false, description = "Rewrites by realm, for a request "
            + "(after rewrite-in) and its answer (before rewrite-out): 'example.org=visited, *=default', several names "
            + "of a realm separated by spaces; the realm is chosen as realms chooses destinations.")
    String realm$_$rewrites();
}
