package dev.radsec.codec;

import dev.radsec.codec.internal.PacketBuilder;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An immutable RADIUS packet: code, Identifier, Authenticator and logical attributes in wire order.
 *
 * <p>A packet from {@link PacketCodec}'s decode methods keeps the octets it was read from: attributes are
 * materialized only when first asked for, and values are not copied until asked. A built packet has the
 * authenticator it was given, or none yet, in which case {@link PacketCodec} generates or computes one.
 */
@ProviderType
public interface RadiusPacket {

    /** Smallest packet: the 20-octet header. */
    int MIN_LENGTH = 20;
    /** Largest packet, RFC 2865 section 3 (RFC 7930 allows larger only after negotiation, not supported). */
    int MAX_LENGTH = 4096;
    int AUTHENTICATOR_LENGTH = 16;

    static Builder builder(PacketCode code, Dictionary dictionary) {
        return new PacketBuilder(code, dictionary);
    }

    PacketCode code();

    /** The Identifier octet, 0..255. */
    int identifier();

    /**
     * A copy of the 16-octet Authenticator: the one on the wire for a decoded packet; for a built packet, the
     * one set on the builder, or all zeroes when the codec is to generate it.
     */
    byte[] authenticator();

    Dictionary dictionary();

    /** All attributes in wire order, Message-Authenticator included when present. */
    List<Attribute> attributes();

    /** The first attribute with this definition. */
    Optional<Attribute> first(AttributeDefinition definition);

    /**
     * The first attribute with this name.
     *
     * @throws IllegalArgumentException when the packet's dictionary has no such attribute
     */
    Optional<Attribute> first(String name);

    /** Every attribute with this definition, in order. */
    List<Attribute> all(AttributeDefinition definition);

    /** Every attribute with this name, in order. */
    List<Attribute> all(String name);

    /** A builder holding this packet's code, Identifier, authenticator and attributes, to derive a new one. */
    Builder toBuilder();

    /** Builds packets. Not thread-safe. Values are converted and checked as they are added. */
    interface Builder {
        Builder identifier(int identifier);

        /** Sets the Authenticator; otherwise the codec generates (Access-Request) or computes it. */
        Builder authenticator(byte[] authenticator);

        Builder code(PacketCode code);

        /**
         * Adds an attribute by name; see {@link Attribute#of(AttributeDefinition, Object)} for accepted values.
         *
         * @throws IllegalArgumentException when the name is unknown or the value does not fit
         */
        Builder add(String name, Object value);

        /** Adds a tagged attribute (RFC 2868); {@code tag} 1..31. */
        Builder add(String name, int tag, Object value);

        Builder add(Attribute attribute);

        Builder addAll(List<Attribute> attributes);

        /** Replaces every attribute with this name by one with the given value, at the first one's place. */
        Builder set(String name, Object value);

        /** Removes every attribute with this definition. */
        Builder remove(AttributeDefinition definition);

        /** Removes every attribute with this name. */
        Builder remove(String name);

        RadiusPacket build();
    }
}
