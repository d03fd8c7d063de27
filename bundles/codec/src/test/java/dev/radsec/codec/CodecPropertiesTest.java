package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/** Property-based tests: valid packets round-trip; any other octets only ever produce {@link RadiusDecodeException}. */
class CodecPropertiesTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret SECRET = SharedSecret.of("property-secret");

    private static final PacketCode[] REQUESTS = {PacketCode.ACCESS_REQUEST, PacketCode.ACCOUNTING_REQUEST,
            PacketCode.STATUS_SERVER, PacketCode.COA_REQUEST, PacketCode.DISCONNECT_REQUEST};

    // ---- round trip ----

    @Provide
    Arbitrary<Attribute> attributes() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("äöü€").ofMinLength(1).ofMaxLength(60);
        Arbitrary<byte[]> octets = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(253);
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFFFFFFL);
        Arbitrary<InetAddress> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4).map(CodecPropertiesTest::address);
        Arbitrary<InetAddress> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16).map(CodecPropertiesTest::address);
        return Arbitraries.oneOf(
                text.map(v -> attr("User-Name", v)),
                text.map(v -> attr("Reply-Message", v)),
                octets.map(v -> attr("Class", v)),
                octets.map(v -> attr("Proxy-State", v)),
                u32.map(v -> attr("NAS-Port", v)),
                u32.map(v -> attr("Session-Timeout", v)),
                Arbitraries.of("Login-User", "Framed-User", "Authorize-Only").map(v -> attr("Service-Type", v)),
                u32.map(v -> attr("Event-Timestamp", v)),
                v4.map(v -> attr("Framed-IP-Address", v)),
                v6.map(v -> attr("NAS-IPv6-Address", v)),
                Arbitraries.integers().between(0, 128).map(n -> attr("Framed-IPv6-Prefix",
                        IpPrefix.of(address(new byte[16]), n))),
                Combinators.combine(Arbitraries.integers().between(1, 31), Arbitraries.integers().between(0, 0xFFFFFF))
                        .as((tag, v) -> Attribute.of(def("Tunnel-Type"), tag, v)),
                Combinators.combine(Arbitraries.integers().between(0, 31), text)
                        .as((tag, v) -> Attribute.of(def("Tunnel-Private-Group-Id"), tag, v)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(900).map(v -> attr("EAP-Message", v)),
                octets.filter(v -> v.length <= 247).map(v -> attr("ADSL-Agent-Circuit-Id", v)),
                u32.map(v -> attr("Actual-Data-Rate-Upstream", v)));
    }

    @Property(tries = 2000)
    void validPacketsRoundTrip(@ForAll("codes") PacketCode code, @ForAll("ids") int id,
                               @ForAll("attributeLists") List<Attribute> attrs) throws Exception {
        RadiusPacket.Builder b = RadiusPacket.builder(code, DICT).identifier(id).addAll(attrs);
        RadiusPacket packet = b.build();
        byte[] wire = CODEC.encodeRequest(packet, SECRET);
        RadiusPacket back = CODEC.decodeRequest(wire, SECRET);
        List<Attribute> expected = joinAdjacentConcat(attrs);
        List<Attribute> actual = new ArrayList<>(back.attributes());
        actual.removeIf(a -> a.definition().name().equals("Message-Authenticator"));
        assertEquals(expected, actual);
        assertEquals(id, back.identifier());
        assertEquals(code, back.code());
    }

    /** Consecutive attributes of a {@code concat} type are one value on the wire (RFC 3579 section 3.1). */
    private static List<Attribute> joinAdjacentConcat(List<Attribute> attrs) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : attrs) {
            Attribute last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && a.definition().isConcat() && last.definition().equals(a.definition())) {
                byte[] joined = java.util.Arrays.copyOf(last.bytes(), last.length() + a.length());
                System.arraycopy(a.bytes(), 0, joined, last.length(), a.length());
                out.set(out.size() - 1, Attribute.of(a.definition(), joined));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    @Property(tries = 500)
    void passwordsRoundTripThroughAnyRequestAuthenticator(@ForAll("passwords") String password,
                                                          @ForAll("authenticators") byte[] authenticator) throws Exception {
        RadiusPacket p = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).authenticator(authenticator)
                .add("User-Password", password).build();
        RadiusPacket back = CODEC.decodeRequest(CODEC.encodeRequest(p, SECRET), SECRET);
        assertEquals(password, back.first("User-Password").orElseThrow().asString());
    }

    @Provide
    Arbitrary<PacketCode> codes() {
        return Arbitraries.of(REQUESTS);
    }

    @Provide
    Arbitrary<Integer> ids() {
        return Arbitraries.integers().between(0, 255);
    }

    @Provide
    Arbitrary<List<Attribute>> attributeLists() {
        // Keep within one 4096-octet packet: values plus up to 10 octets of headers each, and room for the rest.
        return attributes().list().ofMaxSize(10)
                .filter(l -> l.stream().mapToInt(a -> a.length() + 10 + a.length() / 250 * 2).sum() < 3900);
    }

    @Provide
    Arbitrary<String> passwords() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128);
    }

    @Provide
    Arbitrary<byte[]> authenticators() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16);
    }

    // ---- mutation ----

    /** Valid packets that exercise every decoder path: VSAs, tags, hiding, concat, extended. */
    private static final byte[][] SEEDS = seeds();

    private static byte[][] seeds() {
        byte[] eap = new byte[300];
        RadiusPacket access = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).identifier(1)
                .add("User-Name", "alice@example.org").add("User-Password", "correct horse battery")
                .add("NAS-IP-Address", "192.0.2.10").add("NAS-Port", 7).add("EAP-Message", eap)
                .add("Framed-IPv6-Prefix", "2001:db8::/48").add("ADSL-Agent-Circuit-Id", "circuit").build();
        RadiusPacket accounting = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).identifier(2)
                .add("Acct-Status-Type", "Start").add("Acct-Session-Id", "4D2A3F10").add("Tunnel-Type", 1, "VLAN")
                .add("Tunnel-Password", 1, "tunnel").add("Tunnel-Private-Group-Id", 1, "100")
                .add("Class", new byte[40]).add("Event-Timestamp", 1_700_000_000L).build();
        List<byte[]> out = new ArrayList<>();
        out.add(CODEC.encodeRequest(access, SECRET));
        out.add(CODEC.encodeRequest(accounting, SECRET));
        out.add(RfcVectorsTest.class.getName().isEmpty() ? null : Hex.bytes(RfcVectorsTest.RFC5997_STATUS_SERVER));
        // Extended, long-extended (fragmented) and EVS attributes, written by hand: 241.1, 245.26 vendor 9 x 300.
        StringBuilder ext = new StringBuilder("04030000" + "00".repeat(16) + "f1040102");
        ext.append("f5ff1a80000000090b").append("aa".repeat(255 - 9)).append("f5331a00").append("bb".repeat(0x33 - 4));
        byte[] e = Hex.bytes(ext.toString());
        e[2] = (byte) (e.length >> 8);
        e[3] = (byte) e.length;
        out.add(e);
        return out.toArray(new byte[0][]);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.randomValue(random -> {
            byte[] seed = SEEDS[random.nextInt(SEEDS.length)];
            byte[] b;
            switch (random.nextInt(4)) {
                case 0: // truncate
                    b = java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                    break;
                case 1: // extend with garbage
                    b = java.util.Arrays.copyOf(seed, seed.length + 1 + random.nextInt(64));
                    for (int i = seed.length; i < b.length; i++) {
                        b[i] = (byte) random.nextInt();
                    }
                    break;
                default:
                    b = seed.clone();
            }
            int edits = 1 + random.nextInt(6);
            for (int i = 0; i < edits && b.length > 0; i++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(4)) {
                    case 0: b[at] ^= (byte) (1 << random.nextInt(8)); break;
                    case 1: b[at] = (byte) random.nextInt(); break;
                    case 2: b[at] = (byte) (random.nextBoolean() ? 0 : 0xFF); break;
                    default: b[at] = (byte) (b[at] + (random.nextBoolean() ? 1 : -1));
                }
            }
            if (b.length >= 4 && random.nextInt(4) == 0) {
                // keep the Length field consistent so attribute parsing is reached more often
                b[2] = (byte) (b.length >> 8);
                b[3] = (byte) b.length;
            }
            return b;
        });
    }

    /**
     * A million mutations of valid packets. Only {@link RadiusDecodeException} may come out, and a packet that
     * does decode must unfold and print without any exception.
     */
    @Property(tries = 1_000_000, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE,
            generation = GenerationMode.RANDOMIZED)
    void mutatedPacketsOnlyEverFailWithDecodeErrors(@ForAll("mutated") byte[] input) throws Exception {
        try {
            exercise(CODEC.decodeUnverified(input, 0, input.length));
        } catch (RadiusDecodeException expected) {
            // the one allowed failure
        }
        if (input.length >= 20 && (input[0] == 4 || input[0] == 40 || input[0] == 43)) {
            // Re-sign so the secret-dependent paths (authenticator, hidden attributes) are reached too.
            byte[] signed = input.clone();
            int len = Math.min(signed.length, (signed[2] & 0xFF) << 8 | (signed[3] & 0xFF));
            if (len >= 20) {
                java.util.Arrays.fill(signed, 4, 20, (byte) 0);
                MessageDigest md = java.security.MessageDigest.getInstance("MD5");
                md.update(signed, 0, len);
                md.update("property-secret".getBytes());
                System.arraycopy(md.digest(), 0, signed, 4, 16);
            }
            try {
                exercise(CODEC.decodeRequest(signed, 0, signed.length, SECRET, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT));
            } catch (RadiusDecodeException expected) {
                // allowed
            }
        }
    }

    private static void exercise(RadiusPacket p) {
        for (Attribute a : p.attributes()) {
            a.toString();
            a.children();
        }
        p.toString();
        // Whatever decodes must encode again.
        if (p.code().isRequest() && p.first("Message-Authenticator").isEmpty()) {
            CODEC.encodeRequest(p, SECRET);
        }
    }

    private static Attribute attr(String name, Object value) {
        return Attribute.of(def(name), value);
    }

    private static AttributeDefinition def(String name) {
        return DICT.attribute(name).orElseThrow();
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
