package dev.radsec.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of PID {@code dev.radsec.auth}: where logins go and how their outcome becomes policies. */
@ObjectClassDefinition(id = "dev.radsec.auth", name = "RadSec login service",
        description = "RADIUS logins (Vault's radius auth method), over a RadSec destination or plain UDP.")
/*
 * Ids are the keys AuthSettings reads ("$_$" becomes "-"); Vault's spellings (nas_port, ...) are accepted there as
 * aliases but are no metatype ids.
 */
@interface AuthConfig {
    @AttributeDefinition(required = false, min = "1", max = "65535",
            description = "A destination id (dev.radsec.destination): logins travel over it, RadSec included.")
    int destination();

    @AttributeDefinition(required = false, description = "Plain UDP instead of a destination: server host or address.")
    String host();

    @AttributeDefinition(required = false, min = "1", max = "65535", description = "UDP port, default 1812.")
    int port();

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "UDP shared secret.")
    String secret();

    @AttributeDefinition(name = "unregistered-user-policies", required = false,
            description = "Comma-separated policies for users who authenticate but have no mapping; empty: they are refused. root and admin are not allowed.")
    String unregistered$_$user$_$policies();

    @AttributeDefinition(name = "dial-timeout", required = false, min = "1", max = "300",
            description = "Seconds to wait for the destination's connection. Default 10.")
    int dial$_$timeout();

    @AttributeDefinition(name = "read-timeout", required = false, min = "1", max = "300",
            description = "Seconds to wait for the answer. Default 10.")
    int read$_$timeout();

    @AttributeDefinition(name = "nas-port", required = false, min = "0", description = "NAS-Port sent. Default 10.")
    int nas$_$port();

    @AttributeDefinition(name = "nas-identifier", required = false, description = "NAS-Identifier sent, if set.")
    String nas$_$identifier();

    @AttributeDefinition(name = "policy-attribute", required = false,
            description = "A reply attribute (e.g. Class, Filter-Id) whose values add policies.")
    String policy$_$attribute();

    @AttributeDefinition(name = "username-case-sensitive", required = false,
            description = "Whether user mappings match usernames case-sensitively. Default true.")
    boolean username$_$case$_$sensitive();

    @AttributeDefinition(name = "require-message-auth", required = false,
            options = {@Option(value = "true"), @Option(value = "false"), @Option(value = "auto")},
            description = "UDP: whether answers must carry Message-Authenticator (BlastRADIUS). Default auto: "
                    + "required once the server sends one outside EAP (FreeRADIUS 3.2.5's semantics), so FreeRADIUS "
                    + "before 3.2.5 keeps working. A destination has its own setting.")
    String require$_$message$_$auth();

    @AttributeDefinition(name = "policy-roles", required = false,
            description = "JAAS realm radsec: policy=role pairs, e.g. admins=admin, viewers=viewer. A policy not listed is a role of the same name.")
    String policy$_$roles();

    @AttributeDefinition(name = "jaas-order", required = false,
            options = {@Option(value = "radius-first"), @Option(value = "local-first")},
            description = "JAAS realm radsec: radius-first (default; etc/users.properties is the fallback) or "
                    + "local-first (etc/users.properties first, as MikroTik checks its local users before RADIUS).")
    String jaas$_$order();
}
