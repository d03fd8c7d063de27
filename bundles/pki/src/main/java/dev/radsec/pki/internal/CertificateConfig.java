package dev.radsec.pki.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of a local certificate, one {@code etc/dev.radsec.pki.certificate-<name>.cfg} each. */
@ObjectClassDefinition(id = "dev.radsec.pki.certificate", name = "RadSec local certificate",
        description = "A certificate and private key that RadSec destinations and listeners present, by name "
                + "(tls-certificate). Paths are relative to Karaf's etc directory unless absolute.")
@interface CertificateConfig {
    @AttributeDefinition(description = "The name destinations give as tls-certificate.")
    String name();

    @AttributeDefinition(description = "PEM certificate chain (leaf first), or a PKCS#12 file.")
    String certificate();

    @AttributeDefinition(name = "private-key", required = false,
            description = "PEM private key: PKCS#1, SEC1, PKCS#8 or encrypted PKCS#8. Not needed for PKCS#12.")
    String private$_$key();

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "Password of an encrypted key or of the PKCS#12 file.")
    String password();

    @AttributeDefinition(name = "retry-interval", min = "1", max = "86400",
            description = "Seconds between attempts to load a missing, unreadable, expired or revoked certificate.")
    long retry$_$interval() default 300;

    @AttributeDefinition(name = "expiry-warning", min = "0", max = "3650", required = false,
            description = "Days before its notAfter from which a usable certificate is reported expiring "
                    + "(CERTIFICATE_EXPIRING), on loading and then daily; 0: never.")
    long expiry$_$warning() default 30;
}
