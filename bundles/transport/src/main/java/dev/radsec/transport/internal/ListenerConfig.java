package dev.radsec.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of a listener, one {@code etc/dev.radsec.listener-<name>.cfg} each. */
@ObjectClassDefinition(id = "dev.radsec.listener", name = "RadSec listener",
        description = "A RADIUS/UDP or RadSec server socket whose requests go to RadiusRequestHandler services.")
@interface ListenerConfig {
    @AttributeDefinition(description = "Name handlers select with the service property radsec.listener.")
    String name();

    @AttributeDefinition(required = false, options = {@Option(value = "radsec"), @Option(value = "udp"), @Option(value = "dtls")})
    String protocol() default "radsec";

    @AttributeDefinition(required = false, description = "Address to bind.")
    String address() default "127.0.0.1";

    @AttributeDefinition(required = false, min = "0", max = "65535", description = "Default 2083 for radsec and dtls, 1812 for udp.")
    int port();

    @AttributeDefinition(required = false, description = "Client networks with their secrets: '10.0.0.0/8 secret, 127.0.0.1/32'.")
    String clients() default "127.0.0.1/32, ::1/128";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "Secret for client networks listed without one; 'radsec' by default for radsec.")
    String secret();

    @AttributeDefinition(name = "tls-certificate", required = false)
    String tls$_$certificate();

    @AttributeDefinition(name = "tls-psk", required = false, description = "radsec: names of PKI pre-shared keys "
            + "(dev.radsec.pki.psk) whose identities clients may use instead of a certificate (TLS-PSK, RFC 9813).")
    String tls$_$psk();

    @AttributeDefinition(name = "tls-trust", required = false)
    String tls$_$trust() default "default";

    @AttributeDefinition(name = "tls-min-version", required = false,
            options = {@Option(value = "v1.2"), @Option(value = "v1.3")})
    String tls$_$min$_$version() default "v1.2";

    @AttributeDefinition(name = "tls-timeout", required = false, min = "3", max = "90",
            description = "TLS handshake limit, seconds: a client that has not completed it by then is disconnected.")
    int tls$_$timeout() default 5;

    @AttributeDefinition(name = "allowed-peer-names", required = false,
            description = "Names a client certificate must carry (dNSName, iPAddress, NAIRealm); empty: any trusted.")
    String allowed$_$peer$_$names();

    @AttributeDefinition(name = "require-message-auth", required = false, options = {@Option(value = "true"), @Option(value = "false"), @Option(value = "auto")},
            description = "Message-Authenticator on Access-Request from each client network (BlastRADIUS): true, "
                    + "false, or auto (required once the network sends one outside EAP). Default auto for udp, "
                    + "false for radsec (TLS protects integrity).")
    String require$_$message$_$auth();

    @AttributeDefinition(name = "duplicate-window", required = false, min = "1", max = "300",
            description = "Seconds a UDP request's answer is kept to answer retransmissions.")
    int duplicate$_$window() default 10;

    @AttributeDefinition(name = "max-sessions", required = false, min = "1", max = "1000000",
            description = "dtls and radsec: sessions (connections) at once; a new client beyond it is dropped "
                    + "(radsec: closed before any TLS work) and counted.")
    int max$_$sessions() default 10000;

    @AttributeDefinition(name = "idle-timeout", required = false, min = "10", max = "86400",
            description = "dtls and radsec: seconds in which nothing arrived after which a session (connection) "
                    + "is closed; clients that keep theirs send Status-Server while quiet.")
    int idle$_$timeout() default 600;

    @AttributeDefinition(required = false, min = "512", max = "4352", description = "dtls only: the largest datagram a handshake flight uses (the path MTU); packets of up to 4,096 octets still go in one record and leave to IP fragmentation.")
    int mtu() default 1400;
}
