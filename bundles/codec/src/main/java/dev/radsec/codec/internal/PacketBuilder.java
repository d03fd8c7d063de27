package dev.radsec.codec.internal;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.RadiusPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The builder behind {@link RadiusPacket#builder}. */
public final class PacketBuilder implements RadiusPacket.Builder {
    private PacketCode code;
    private final Dictionary dictionary;
    private int identifier;
    private byte[] authenticator;
    private final List<Attribute> attributes = new ArrayList<>();

    public PacketBuilder(PacketCode code, Dictionary dictionary) {
        if (code == null) {
            throw new IllegalArgumentException("packet code is null");
        }
        if (dictionary == null) {
            throw new IllegalArgumentException("dictionary is null");
        }
        this.code = code;
        this.dictionary = dictionary;
    }

    @Override
    public RadiusPacket.Builder identifier(int identifier) {
        if (identifier < 0 || identifier > 255) {
            throw new IllegalArgumentException("Identifier " + identifier + " is outside 0..255");
        }
        this.identifier = identifier;
        return this;
    }

    @Override
    public RadiusPacket.Builder authenticator(byte[] authenticator) {
        if (authenticator != null && authenticator.length != RadiusPacket.AUTHENTICATOR_LENGTH) {
            throw new IllegalArgumentException("an Authenticator has 16 octets, not " + authenticator.length);
        }
        this.authenticator = authenticator == null ? null : authenticator.clone();
        return this;
    }

    @Override
    public RadiusPacket.Builder code(PacketCode code) {
        if (code == null) {
            throw new IllegalArgumentException("packet code is null");
        }
        this.code = code;
        return this;
    }

    @Override
    public RadiusPacket.Builder add(String name, Object value) {
        attributes.add(Attribute.of(definition(name), value));
        return this;
    }

    @Override
    public RadiusPacket.Builder add(String name, int tag, Object value) {
        attributes.add(Attribute.of(definition(name), tag, value));
        return this;
    }

    @Override
    public RadiusPacket.Builder add(Attribute attribute) {
        if (attribute == null) {
            throw new IllegalArgumentException("attribute is null");
        }
        attributes.add(attribute);
        return this;
    }

    @Override
    public RadiusPacket.Builder addAll(List<Attribute> list) {
        for (Attribute a : list) {
            add(a);
        }
        return this;
    }

    @Override
    public RadiusPacket.Builder set(String name, Object value) {
        AttributeDefinition def = definition(name);
        Attribute replacement = Attribute.of(def, value);
        int at = -1;
        for (int i = attributes.size() - 1; i >= 0; i--) {
            if (attributes.get(i).definition().equals(def)) {
                attributes.remove(i);
                at = i;
            }
        }
        attributes.add(at < 0 ? attributes.size() : at, replacement);
        return this;
    }

    @Override
    public RadiusPacket.Builder remove(AttributeDefinition definition) {
        attributes.removeIf(a -> a.definition().equals(definition));
        return this;
    }

    @Override
    public RadiusPacket.Builder remove(String name) {
        return remove(definition(name));
    }

    private AttributeDefinition definition(String name) {
        return definition(dictionary, name);
    }

    /** The definition named; {@link IllegalArgumentException} when the dictionary has none. */
    static AttributeDefinition definition(Dictionary dictionary, String name) {
        Optional<AttributeDefinition> def = dictionary.attribute(name);
        if (def.isEmpty()) {
            throw new IllegalArgumentException("no attribute named '" + name + "' in the dictionary");
        }
        return def.get();
    }

    @Override
    public RadiusPacket build() {
        return new Packet(code, identifier, authenticator, dictionary, new ArrayList<>(attributes));
    }
}
