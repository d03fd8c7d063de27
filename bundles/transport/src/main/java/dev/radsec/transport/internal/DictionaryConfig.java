package dev.radsec.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of PID {@code dev.radsec.dictionary} ({@code etc/dev.radsec.dictionary.cfg}). */
@ObjectClassDefinition(id = "dev.radsec.dictionary", name = "RADIUS dictionary",
        description = "An operator's FreeRADIUS-format dictionary loaded on top of the bundled one.")
@interface DictionaryConfig {
    @AttributeDefinition(required = false,
            description = "A FreeRADIUS dictionary file and what it includes, e.g. /usr/share/freeradius/dictionary; "
                    + "relative to etc. Empty: the bundled dictionary only.")
    String path();
}
