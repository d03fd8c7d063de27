package dev.radsec.codec.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.DataType;
import dev.radsec.codec.IpPrefix;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An attribute whose value is a region of an array: of a decoded packet (no copy) or of its own.
 * The region is never written after construction.
 */
public final class AttributeValue implements Attribute {
    private final AttributeDefinition def;
    private final int tag;
    private final byte[] buf;
    private final int off;
    private final int len;

    AttributeValue(AttributeDefinition def, int tag, byte[] buf, int off, int len) {
        this.def = def;
        this.tag = tag;
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    public static Attribute of(AttributeDefinition definition, int tag, Object value) {
        AttributeDefinition def = checkDefinition(definition);
        if (tag < 0 || tag > 0x1F) {
            throw new IllegalArgumentException(def.name() + ": tag " + tag + " is outside 1..31");
        }
        if (tag != 0 && !def.hasTag()) {
            throw new IllegalArgumentException(def.name() + " does not take a tag");
        }
        byte[] b = ValueParser.encode(def, value);
        if (tag != 0 && def.hasTag() && b.length > 0 && isInteger(def.type()) && (b[0] != 0)) {
            throw new IllegalArgumentException(def.name() + ": a tagged integer must fit 24 bits");
        }
        return new AttributeValue(def, tag, b, 0, b.length);
    }

    public static Attribute tlv(AttributeDefinition definition, List<Attribute> children) {
        AttributeDefinition def = checkDefinition(definition);
        if (def.type() != DataType.TLV) {
            throw new IllegalArgumentException(def.name() + " is not a tlv attribute");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Attribute child : children) {
            AttributeDefinition childDef = child.definition();
            if (childDef.parent().orElse(null) != def) {
                throw new IllegalArgumentException(childDef.name() + " is not a child of " + def.name());
            }
            if (child.length() > 253) {
                throw new IllegalArgumentException(childDef.name() + ": " + child.length() + " octets exceed 253");
            }
            out.write(childDef.number());
            out.write(child.length() + 2);
            out.writeBytes(child.bytes());
        }
        byte[] b = out.toByteArray();
        return new AttributeValue(def, 0, b, 0, b.length);
    }

    private static AttributeDefinition checkDefinition(AttributeDefinition definition) {
        if (definition == null) {
            throw new IllegalArgumentException("definitions come from a Dictionary, not null");
        }
        return definition;
    }

    static boolean isInteger(DataType t) {
        return t == DataType.INTEGER || t == DataType.ENUM || t == DataType.SIGNED || t == DataType.TIME;
    }

    @Override
    public AttributeDefinition definition() {
        return def;
    }

    @Override
    public int tag() {
        return tag;
    }

    @Override
    public int length() {
        return len;
    }

    @Override
    public byte[] bytes() {
        return Arrays.copyOfRange(buf, off, off + len);
    }

    @Override
    public void copyBytesTo(byte[] dst, int offset) {
        Objects.checkFromIndexSize(offset, len, dst.length);
        System.arraycopy(buf, off, dst, offset, len);
    }

    @Override
    public String asString() {
        return new String(buf, off, len, StandardCharsets.UTF_8);
    }

    @Override
    public int asInt() {
        single();
        if (len != 1 && len != 2 && len != 4) {
            throw new IllegalStateException(def.name() + " has " + len + " octets, not an integer of 1, 2 or 4");
        }
        return (int) Unsigned.read(buf, off, len);
    }

    @Override
    public long asLong() {
        single();
        if (len != 1 && len != 2 && len != 4 && len != 8) {
            throw new IllegalStateException(def.name() + " has " + len + " octets, not an integer");
        }
        long v = Unsigned.read(buf, off, len);
        return def.type() == DataType.SIGNED ? (int) v : v;
    }

    @Override
    public InetAddress asInetAddress() {
        single();
        if (len != 4 && len != 16) {
            throw new IllegalStateException(def.name() + " has " + len + " octets, not an address");
        }
        return Addresses.fromWire(buf, off, len);
    }

    /** An array attribute of a fixed-width type holding several values is no single value (a byte array's 4). */
    private void single() {
        DataType t = def.type();
        if (def.isArray() && t.minLength() == t.maxLength() && len != t.maxLength()) {
            throw new IllegalStateException(def.name() + " is an array of " + (len / Math.max(1, t.maxLength()))
                    + " values, not one");
        }
    }

    @Override
    public IpPrefix asPrefix() {
        if (def.type() != DataType.IPV4PREFIX && def.type() != DataType.IPV6PREFIX) {
            throw new IllegalStateException(def.name() + " is of type " + def.type() + ", not a prefix");
        }
        return Addresses.prefixFromWire(def.type(), buf, off, len);
    }

    @Override
    public Instant asInstant() {
        single();
        if (len != 4) {
            throw new IllegalStateException(def.name() + " has " + len + " octets, not a time");
        }
        return Instant.ofEpochSecond(Unsigned.read(buf, off, 4));
    }

    @Override
    public List<Attribute> children() {
        if (def.type() != DataType.TLV || !ValueChecks.validTlv(buf, off, len)) {
            return Collections.emptyList();
        }
        List<Attribute> out = new ArrayList<>();
        int p = off;
        while (p < off + len) {
            int type = buf[p] & 0xFF;
            int l = buf[p + 1] & 0xFF;
            AttributeDefinition child = def.child(type).orElse(null);
            if (child == null || !ValueChecks.validWire(child, buf, p + 2, l - 2)) {
                child = AttributeDef.unknown(type, def.vendor().orElse(null), def);
            }
            out.add(new AttributeValue(child, 0, buf, p + 2, l - 2));
            p += l;
        }
        return out;
    }

    @Override
    public String valueText() {
        if (def.isSecret()) {
            return "<hidden>";
        }
        return ValueFormatter.format(def, buf, off, len);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AttributeValue)) {
            return false;
        }
        AttributeValue a = (AttributeValue) o;
        return a.def.equals(def) && a.tag == tag
                && Arrays.equals(a.buf, a.off, a.off + a.len, buf, off, off + len);
    }

    @Override
    public int hashCode() {
        int h = def.hashCode() * 31 + tag;
        for (int i = off; i < off + len; i++) {
            h = h * 31 + buf[i];
        }
        return h;
    }

    @Override
    public String toString() {
        String v = valueText();
        boolean quoted = def.type() == DataType.TEXT && !def.isSecret();
        return def.name() + (tag != 0 ? ":" + tag : "") + " = " + (quoted ? "\"" + v + "\"" : v);
    }
}
