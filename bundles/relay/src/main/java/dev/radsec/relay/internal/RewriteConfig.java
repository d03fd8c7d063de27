package dev.radsec.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of a rewrite, one {@code etc/dev.radsec.rewrite-<name>.cfg} each: what the web console shows. Every value
 * is a comma-separated list of items; an item may start with {@code request:} or {@code reply:} to apply to that
 * kind of packet only, and a tagged attribute (RFC 2868) may be named with its tag, {@code Tunnel-Type:1}.
 */
@ObjectClassDefinition(id = "dev.radsec.rewrite", name = "RadSec relay rewrite",
        description = "Removes, adds, sets and modifies attributes of the packets a relay passes on (radsecproxy's "
                + "rewrite blocks), where a relay's or a destination's rewrite-in, rewrite-out or realm-rewrites name "
                + "it. Applied in this order: remove, remove-vendor, modify, set, supplement, add.")
@interface RewriteConfig {
    @AttributeDefinition(required = false,
            description = "Default: the file's <name> (etc/dev.radsec.rewrite-<name>.cfg).")
    String name();

    @AttributeDefinition(required = false, description = "Attributes to remove, every one of each: dictionary "
            + "names or Attr-<oid> (Attr-26.9.1), comma-separated: 'reply:Tunnel-Type, reply:Tunnel-Private-Group-Id'.")
    String remove();

    @AttributeDefinition(name = "remove-vendor", required = false, description = "Vendor attributes to remove: a "
            + "vendor (its number or dictionary name) for all of its attributes, or vendor:type for one, "
            + "comma-separated: '9, 311:16'.")
    String remove$_$vendor();

    @AttributeDefinition(required = false, description = "Text attributes to change by a Java regular expression: "
            + "'Name = /regex/replacement/', comma-separated; the first match is replaced, $1 (or \\1) is its first "
            + "group; /i after the replacement ignores case. A value the regex does not match stays.")
    String modify();

    @AttributeDefinition(required = false, description = "'Name = value' items, comma-separated (a value with a "
            + "comma in double quotes): each replaces every attribute of that name, or is added where there is none.")
    String set();

    @AttributeDefinition(required = false, description = "'Name = value' items added only to a packet that has no "
            + "attribute of that name (radsecproxy's supplementAttribute): 'request:Operator-Name = 1example.org'.")
    String supplement();

    @AttributeDefinition(required = false, description = "'Name = value' items added to every packet that does not "
            + "hold that attribute with that value already; other values of the attribute stay.")
    String add();
}
