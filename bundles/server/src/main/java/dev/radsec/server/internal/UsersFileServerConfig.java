package dev.radsec.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of PID {@code dev.radsec.server}. */
@ObjectClassDefinition(id = "dev.radsec.server", name = "RadSec embedded server",
        description = "Answers the requests of a listener from a users file (demo and test fixture).")
@interface UsersFileServerConfig {
    @AttributeDefinition(required = false, description = "The users file, relative to etc. Created with demo users when missing.")
    String users() default "radsec/users";

    @AttributeDefinition(required = false, description = "The dev.radsec.listener name whose requests it answers.")
    String listener() default "server";
}
