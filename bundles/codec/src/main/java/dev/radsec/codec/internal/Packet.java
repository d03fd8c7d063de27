package dev.radsec.codec.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.DataType;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.Encryption;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A packet, built or decoded. A decoded packet keeps its octets ({@link #wire}) and the offsets of its wire
 * attributes, and materializes logical attributes on first use, revealing hidden values with the secret and
 * authenticator it was verified with.
 */
public final class Packet implements RadiusPacket {
    private static final byte[] NO_AUTHENTICATOR = new byte[AUTHENTICATOR_LENGTH];

    private final PacketCode code;
    private final int identifier;
    /** Null when the codec is to generate or compute it. */
    private final byte[] authenticator;
    private final Dictionary dictionary;
    private volatile List<Attribute> attributes;

    // Decoded packets only.
    final byte[] wire;
    final int[] attributeOffsets;
    final Md5Keyed key;
    final byte[] cryptoAuthenticator;
    final int cryptoAuthenticatorOffset;

    Packet(PacketCode code, int identifier, byte[] authenticator, Dictionary dictionary, List<Attribute> attributes) {
        this.code = code;
        this.identifier = identifier;
        this.authenticator = authenticator;
        this.dictionary = dictionary;
        this.attributes = Collections.unmodifiableList(attributes);
        this.wire = null;
        this.attributeOffsets = null;
        this.key = null;
        this.cryptoAuthenticator = null;
        this.cryptoAuthenticatorOffset = 0;
    }

    /**
     * A decoded packet. {@code cryptoAuthenticator} at {@code cryptoAuthenticatorOffset} is the authenticator its
     * hidden attributes were hidden with (it may be {@code wire} itself, at offset 4).
     */
    Packet(PacketCode code, byte[] wire, int[] attributeOffsets, Dictionary dictionary, Md5Keyed key,
           byte[] cryptoAuthenticator, int cryptoAuthenticatorOffset) {
        this.code = code;
        this.identifier = wire[1] & 0xFF;
        this.authenticator = null;
        this.dictionary = dictionary;
        this.wire = wire;
        this.attributeOffsets = attributeOffsets;
        this.key = key;
        this.cryptoAuthenticator = cryptoAuthenticator;
        this.cryptoAuthenticatorOffset = cryptoAuthenticatorOffset;
    }

    @Override
    public PacketCode code() {
        return code;
    }

    @Override
    public int identifier() {
        return identifier;
    }

    @Override
    public byte[] authenticator() {
        if (wire != null) {
            return java.util.Arrays.copyOfRange(wire, 4, 20);
        }
        return (authenticator == null ? NO_AUTHENTICATOR : authenticator).clone();
    }

    /** The authenticator, or {@code null} when a built packet has none yet. */
    private byte[] authenticatorOrNull() {
        return wire != null ? java.util.Arrays.copyOfRange(wire, 4, 20) : authenticator;
    }

    @Override
    public Dictionary dictionary() {
        return dictionary;
    }

    @Override
    public List<Attribute> attributes() {
        List<Attribute> a = attributes;
        if (a == null) {
            a = Collections.unmodifiableList(AttributeReader.read(this));
            attributes = a;
        }
        return a;
    }

    @Override
    public Optional<Attribute> first(AttributeDefinition definition) {
        if (attributes == null && isPlainTopLevel(definition)) {
            return Optional.ofNullable(AttributeReader.firstPlain(this, definition));
        }
        for (Attribute a : attributes()) {
            if (a.definition().equals(definition)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * An attribute that is one whole wire attribute, perhaps hidden but untagged: found by scanning types, without
     * materializing the rest. Tunnel-Password style hiding is always tagged, so it takes the general path.
     */
    private static boolean isPlainTopLevel(AttributeDefinition d) {
        return d.isKnown() && d.parent().isEmpty() && !d.isConcat() && !d.hasTag()
                && d.encryption() != Encryption.TUNNEL_PASSWORD && !d.type().isContainer()
                && d.type() != DataType.TLV && d.number() >= 1 && d.number() <= 255 && !d.isVirtual();
    }

    @Override
    public Optional<Attribute> first(String name) {
        return first(definition(name));
    }

    @Override
    public List<Attribute> all(AttributeDefinition definition) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : attributes()) {
            if (a.definition().equals(definition)) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public List<Attribute> all(String name) {
        return all(definition(name));
    }

    private AttributeDefinition definition(String name) {
        return PacketBuilder.definition(dictionary, name);
    }

    @Override
    public Builder toBuilder() {
        PacketBuilder b = new PacketBuilder(code, dictionary);
        b.identifier(identifier);
        byte[] a = authenticatorOrNull();
        if (a != null) {
            b.authenticator(a);
        }
        b.addAll(attributes());
        return b;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(code).append(" Id ").append(identifier);
        for (Attribute a : attributes()) {
            sb.append("\n\t").append(a);
        }
        return sb.toString();
    }
}
