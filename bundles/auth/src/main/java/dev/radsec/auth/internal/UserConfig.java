package dev.radsec.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of factory PID {@code dev.radsec.auth.user}: one user's policies. */
@ObjectClassDefinition(id = "dev.radsec.auth.user", name = "RadSec login user mapping",
        description = "The policies a RADIUS user gets (Vault users/).")
@interface UserConfig {
    @AttributeDefinition(description = "The username, as the user types it (trimmed).")
    String username();

    @AttributeDefinition(required = false, description = "Comma-separated policies.")
    String policies();
}
