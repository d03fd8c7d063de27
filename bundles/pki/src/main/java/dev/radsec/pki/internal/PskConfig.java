package dev.radsec.pki.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Metatype of a TLS pre-shared key, one {@code etc/dev.radsec.pki.psk-<name>.cfg} each. */
@ObjectClassDefinition(id = "dev.radsec.pki.psk", name = "RadSec TLS pre-shared key",
        description = "A TLS pre-shared key (RFC 9813) that RadSec destinations and listeners use, by name "
                + "(tls-psk), instead of certificates. Give the key inline (key) or in a file (key-file), not both. "
                + "Paths are relative to Karaf's etc directory unless absolute.")
@interface PskConfig {
    @AttributeDefinition(required = false,
            description = "The name destinations and listeners give as tls-psk. Default: <name> of the file "
                    + "etc/dev.radsec.pki.psk-<name>.cfg.")
    String name();

    @AttributeDefinition(description = "The PSK identity as it goes on the wire: UTF-8, 1 to 128 octets, no control "
            + "characters, and no other pre-shared key's identity. Leading and trailing spaces are dropped.")
    String identity();

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "The key in hex: at least 16 octets (32 hex digits), not all one octet value. "
                    + "Prefer key-file, which keeps the key out of the configuration.")
    String key();

    @AttributeDefinition(name = "key-file", required = false,
            description = "A file holding the key in hex (whitespace and line breaks ignored), read again when it "
                    + "changes. While it is missing or invalid the key is unavailable and the file is retried.")
    String key$_$file();

    @AttributeDefinition(name = "tls-version", required = false,
            description = "The one TLS version this key is used with (RFC 9813: never the same key for TLS 1.3 and "
                    + "an earlier version).",
            options = {@Option(label = "TLS 1.3", value = "1.3"), @Option(label = "TLS 1.2", value = "1.2")})
    String tls$_$version() default "1.3";

    @AttributeDefinition(name = "retry-interval", min = "1", max = "86400",
            description = "Seconds between attempts to read a missing, unreadable or invalid key-file.")
    long retry$_$interval() default 300;
}
