package dev.radsec.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of the incoming CoA/Disconnect listener, {@code etc/dev.radsec.incoming.cfg}. */
@ObjectClassDefinition(id = "dev.radsec.incoming", name = "RadSec incoming CoA/Disconnect",
        description = "Listens for RFC 5176 CoA and Disconnect requests, like MikroTik /radius incoming.")
@interface IncomingConfig {
    @AttributeDefinition(required = false, description = "Listen at all.")
    boolean accept() default false;

    @AttributeDefinition(required = false, min = "0", max = "65535",
            description = "UDP port; 3799 (RFC 5176, MikroTik's current default; it was 1700 before).")
    int port() default 3799;

    @AttributeDefinition(required = false)
    String address() default "127.0.0.1";

    @AttributeDefinition(required = false, description = "Networks allowed to send, each optionally with its secret.")
    String clients() default "127.0.0.1/32";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false)
    String secret();
}
