package dev.radsec.relay.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.DataType;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.common.InvalidConfigurationException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one item of a rewrite names, resolved once against the dictionary: {@code [request:|reply:]Name[:tag]} for
 * an attribute (a dictionary name, or {@code Attr-<oid>} as FreeRADIUS names what no dictionary does), or
 * {@code [request:|reply:]vendor[:type]} for vendor attributes. Attributes are matched by their dotted oid, so a
 * value that did not parse as its type (kept raw, as {@code Attr-<oid>}) is matched as well.
 */
final class RewriteTarget {
    /** Which packets an item applies to. */
    enum Packets {
        ANY, REQUESTS, REPLIES;

        boolean includes(PacketCode code) {
            return this == ANY || (this == REQUESTS) == code.isRequest();
        }
    }

    private static final Pattern OID = Pattern.compile("(?i)Attr-((?:[1-9]\\d{0,9})(?:\\.\\d{1,10})*)");
    private static final Pattern TAG = Pattern.compile("(.+):(\\d{1,2})");
    /** Message-Authenticator and Proxy-State: the codec and the relay keep them, per hop. */
    private static final String MESSAGE_AUTHENTICATOR = "80";
    private static final String PROXY_STATE = "33";
    /** Vendor-Specific: a raw one (that did not parse as its vendor's format) carries its vendor in its first octets. */
    private static final String VENDOR_SPECIFIC = "26";

    final Packets packets;
    /** The attribute's oid ({@code 64}, {@code 26.9.1}); null for a vendor target. */
    final String oid;
    /** RFC 2868 tag to match, 0 for untagged; -1: any. */
    final int tag;
    /** The definition, to build attributes with; null when only the oid is known. */
    final AttributeDefinition definition;
    /** Vendor targets: the vendor, and its type or -1 for all. */
    final int vendor;
    final int vendorType;
    /** As written, for messages. */
    final String text;

    private RewriteTarget(Packets packets, String oid, int tag, AttributeDefinition definition, int vendor,
                          int vendorType, String text) {
        this.packets = packets;
        this.oid = oid;
        this.tag = tag;
        this.definition = definition;
        this.vendor = vendor;
        this.vendorType = vendorType;
        this.text = text;
    }

    /** Whether {@code a} is what this names. */
    boolean matches(Attribute a) {
        AttributeDefinition d = a.definition();
        if (oid == null) {
            return vendorMatches(a, d);
        }
        return d.oid().equals(oid) && (tag < 0 || a.tag() == tag);
    }

    private boolean vendorMatches(Attribute a, AttributeDefinition d) {
        Optional<dev.radsec.codec.Vendor> v = d.vendor();
        if (v.isPresent()) {
            return v.get().id() == vendor && (vendorType < 0 || d.number() == vendorType);
        }
        if (vendorType < 0 && d.oid().equals(VENDOR_SPECIFIC) && a.length() >= 4) {
            byte[] b = a.bytes(); // a raw Vendor-Specific: Vendor-Id in its first four octets
            int id = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
            return id == vendor;
        }
        return false;
    }

    /** Strips {@code request:} or {@code reply:}; what remains goes to {@code rest[0]}. */
    private static Packets packets(String text, String[] rest) {
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (prefix.equals("request") || prefix.equals("reply")) {
                rest[0] = text.substring(colon + 1).trim();
                return prefix.equals("request") ? Packets.REQUESTS : Packets.REPLIES;
            }
        }
        rest[0] = text.trim();
        return Packets.ANY;
    }

    /**
     * {@code [request:|reply:]Name[:tag]}, resolved in {@code dictionary}.
     *
     * @param buildable whether attributes are made from it ({@code set}, {@code supplement}, {@code add}): it then
     *                  needs a definition, and a text type for {@code modify} is checked by the caller
     */
    static RewriteTarget attribute(String key, String text, Dictionary dictionary, boolean buildable)
            throws InvalidConfigurationException {
        String[] rest = new String[1];
        Packets packets = packets(text, rest);
        String name = rest[0];
        int tag = -1;
        AttributeDefinition d = dictionary.attribute(name).orElse(null);
        Matcher tagged = TAG.matcher(name);
        if (d == null && tagged.matches()) {
            name = tagged.group(1).trim();
            tag = Integer.parseInt(tagged.group(2));
            d = dictionary.attribute(name).orElse(null);
        }
        String oid;
        if (d != null) {
            oid = d.oid();
        } else {
            Matcher m = OID.matcher(name);
            if (!m.matches()) {
                throw InvalidConfigurationException.of(key, name, "is not an attribute of the dictionary",
                        "a name it defines, or Attr-<oid> such as Attr-26.9.1");
            }
            oid = m.group(1);
            d = byOid(dictionary, oid);
        }
        if (d != null) {
            if (d.isVirtual()) {
                throw InvalidConfigurationException.of(key, name, "is never in a packet (virtual)", null);
            }
            if (d.type().isContainer()) {
                throw InvalidConfigurationException.of(key, name, "holds other attributes (" + d.type().dictionaryName()
                        + ")", d.type() == DataType.VSA ? "name vendor attributes, or use remove-vendor"
                        : "name the attributes in it");
            }
            if (tag > 0 && !d.hasTag()) {
                throw InvalidConfigurationException.of(key, text.trim(), "has a tag, which " + d.name()
                        + " does not take (has_tag)", null);
            }
        }
        if (tag > 31) {
            throw InvalidConfigurationException.of(key, text.trim(), "has a tag outside 0-31 (RFC 2868)", null);
        }
        if (oid.equals(MESSAGE_AUTHENTICATOR)) {
            throw InvalidConfigurationException.of(key, name, "is computed anew for every hop", "leave it out");
        }
        if (oid.equals(PROXY_STATE)) {
            throw InvalidConfigurationException.of(key, name, "must come back to its NAS as it was sent "
                    + "(RFC 2865 section 5.33)", "leave it out");
        }
        if (buildable && (d == null || !d.isKnown() && oid.contains("."))) {
            throw InvalidConfigurationException.of(key, name, "is not defined by the dictionary, and an attribute "
                    + "to add needs its definition", "load a dictionary that defines it (dev.radsec.dictionary)");
        }
        return new RewriteTarget(packets, oid, tag, d, 0, -1, text.trim());
    }

    /** What {@code oid} names in the dictionary; a top-level number always has a definition (octets if unnamed). */
    private static AttributeDefinition byOid(Dictionary dictionary, String oid) {
        String[] parts = oid.split("\\.");
        try {
            if (parts.length == 1) {
                int type = Integer.parseInt(parts[0]);
                return type <= 255 ? dictionary.attribute(type) : null;
            }
            if (parts.length == 3 && parts[0].equals(VENDOR_SPECIFIC)) {
                return dictionary.vendorAttribute(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])).orElse(null);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return dictionary.attributes().stream().filter(a -> a.oid().equals(oid)).findFirst().orElse(null);
    }

    /** {@code [request:|reply:]vendor[:type]}: a vendor's number or dictionary name, and optionally its type. */
    static RewriteTarget vendor(String key, String text, Dictionary dictionary) throws InvalidConfigurationException {
        String[] rest = new String[1];
        Packets packets = packets(text, rest);
        String spec = rest[0];
        int colon = spec.indexOf(':');
        String vendorText = (colon < 0 ? spec : spec.substring(0, colon)).trim();
        int vendor;
        if (vendorText.matches("\\d{1,10}")) {
            long n = Long.parseLong(vendorText);
            if (n < 1 || n > 0xFFFFFFL) {
                throw InvalidConfigurationException.of(key, vendorText, "is not a vendor number", "1-16777215");
            }
            vendor = (int) n;
        } else {
            vendor = dictionary.vendor(vendorText).map(dev.radsec.codec.Vendor::id).orElseThrow(() ->
                    InvalidConfigurationException.of(key, vendorText, "is not a vendor of the dictionary",
                            "its number (SMI Private Enterprise Number) or a VENDOR name of the dictionary"));
        }
        int type = -1;
        if (colon >= 0) {
            String typeText = spec.substring(colon + 1).trim();
            if (!typeText.matches("\\d{1,10}") || Long.parseLong(typeText) > 0xFFFFFFFFL) {
                throw InvalidConfigurationException.of(key, spec, "is not vendor:type", "e.g. 311:16");
            }
            type = (int) Long.parseLong(typeText);
        }
        return new RewriteTarget(packets, null, -1, null, vendor, type, text.trim());
    }

    @Override
    public String toString() {
        return text;
    }
}
