package dev.radsec.codec.fuzz;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.AttributeDefinition;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.DictionaryException;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusDecodeException;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.nio.file.Path;
import java.util.List;

/**
 * What the decode targets do with a packet that decoded: every attribute is unfolded, read as its type says and
 * printed (decoding is lazy, so this is where most of the parsing happens), and the packet is encoded again as a
 * proxy forwards it. None of it may throw: a value that does not parse as its dictionary type comes out as a raw
 * {@code Attr-<oid>}, so each typed accessor below must work. Encoding may refuse only a packet grown past 4096
 * octets, and what it makes must decode again.
 */
final class DecodedPackets {
    static final SharedSecret SECRET = SharedSecret.of(CaptureCorpus.SECRET);
    /** Vendor formats (WiMAX's continuation, USR's 4,0, Lucent's 2,1), EVS and TLVs on top of the standard ones. */
    static final PacketCodec CODEC = new PacketCodec(dictionary());

    private DecodedPackets() {
    }

    private static Dictionary dictionary() {
        FuzzTarget corpus = new FuzzTarget("dictionary", 0);
        List<Path> files = corpus.seedFiles().stream().filter(f -> List.of("freeradius-dictionary.cisco",
                "freeradius-dictionary.microsoft", "freeradius-dictionary.wimax", "freeradius-dictionary.freeradius.evs5",
                "test-dictionary.test-usr", "test-dictionary.test-lucent").contains(f.getFileName().toString())).toList();
        if (files.size() != 6) {
            throw new IllegalStateException("vendor dictionaries missing from the dictionary corpus: " + files);
        }
        try {
            return Dictionary.standardWith(files.toArray(Path[]::new));
        } catch (DictionaryException e) {
            throw new IllegalStateException(e);
        }
    }

    static void walk(RadiusPacket p) {
        p.code();
        p.identifier();
        p.authenticator();
        String.valueOf(p);
        for (Attribute a : p.attributes()) {
            walk(a);
            p.first(a.definition());
            p.all(a.definition());
        }
    }

    private static void walk(Attribute a) {
        AttributeDefinition d = a.definition();
        d.name();
        d.oid();
        a.tag();
        a.length();
        a.bytes();
        a.valueText();
        String.valueOf(a);
        try {
            typed(a);
        } catch (IllegalStateException e) {
            if (!d.isArray()) {
                throw e; // a decoded value of a single-valued attribute is always one of its type
            }
        }
        for (Attribute child : a.children()) {
            walk(child);
        }
    }

    private static void typed(Attribute a) {
        switch (a.definition().type()) {
            case TEXT -> a.asString();
            case INTEGER, ENUM, BYTE, SHORT -> {
                a.asInt();
                a.asLong();
            }
            case SIGNED, INTEGER64 -> a.asLong();
            case TIME -> a.asInstant();
            case IPV4ADDR, IPV6ADDR, COMBO_IP -> a.asInetAddress();
            case IPV4PREFIX, IPV6PREFIX -> a.asPrefix();
            default -> {
                // octets and the containers: bytes() and the children
            }
        }
    }

    /** A request as a proxy passes it on: encoded under a new Identifier, and decodable again. */
    static void forwardRequest(RadiusPacket request) throws RadiusDecodeException {
        byte[] wire;
        try {
            wire = CODEC.encodeRequest(request, (request.identifier() + 1) & 0xFF, SECRET);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("the packet exceeds")) {
                return; // grown by a Message-Authenticator the original did not carry
            }
            throw e;
        }
        walk(CODEC.decodeRequest(wire, 0, wire.length, SECRET, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT));
    }

    /** A response as a proxy passes it back: encoded for its request, and decodable again. */
    static void forwardResponse(RadiusPacket response, RadiusPacket request, byte[] encodedRequest)
            throws RadiusDecodeException {
        byte[] wire;
        try {
            wire = CODEC.encodeResponse(response, request, SECRET);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("the packet exceeds")) {
                return;
            }
            throw e;
        }
        walk(CODEC.decodeResponse(wire, 0, wire.length, encodedRequest, SECRET,
                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT));
    }
}
