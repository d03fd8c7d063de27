package dev.radsec.pki.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of PID {@code dev.radsec.pki.bootstrap}. */
@ObjectClassDefinition(id = "dev.radsec.pki.bootstrap", name = "RadSec development PKI",
        description = "On start, creates an organisation CA and a server and a client certificate when missing. For development installs; never overwrites.")
@interface DevelopmentPkiConfig {
    @AttributeDefinition(name = "ca-subject", required = false, description = "Subject of the CA, if one is created.")
    String ca$_$subject() default "CN=radsec-karaf Development CA,O=radsec-karaf";

    @AttributeDefinition(name = "server-name", required = false, description = "DNS name of the server certificate (also 127.0.0.1 and ::1).")
    String server$_$name() default "localhost";

    @AttributeDefinition(name = "client-name", required = false, description = "Common name of the client certificate.")
    String client$_$name() default "radsec-karaf-client";

    @AttributeDefinition(required = false, description = "Where server.crt/.key and client.crt/.key go, relative to etc.")
    String directory() default "radsec/certs";
}
