package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryTest {

    static Path resource(String name) {
        try {
            return Path.of(DictionaryTest.class.getResource("/dictionaries/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void standardDictionaryHasTheRfcAttributes() {
        Dictionary d = Dictionary.standard();
        assertEquals("User-Name", d.attribute(1).name());
        assertEquals(Encryption.USER_PASSWORD, d.attribute("User-Password").orElseThrow().encryption());
        AttributeDefinition tp = d.attribute("Tunnel-Password").orElseThrow();
        assertTrue(tp.hasTag());
        assertEquals(Encryption.TUNNEL_PASSWORD, tp.encryption());
        assertTrue(d.attribute("EAP-Message").orElseThrow().isConcat());
        assertEquals(DataType.VSA, d.attribute(26).type());
        assertEquals(DataType.LONG_EXTENDED, d.attribute(245).type());
        assertEquals("241.1", d.attribute("Frag-Status").orElseThrow().oid());
        assertEquals(502L, d.attribute("Error-Cause").orElseThrow().valueOf("Proxy-Request-Not-Routable").orElseThrow());
        assertEquals(3561, d.attribute("ADSL-Agent-Circuit-Id").orElseThrow().vendor().orElseThrow().id());
        assertTrue(d.attribute("user-name").isPresent(), "names are case-insensitive");
        assertFalse(d.attribute(250).isKnown());
        assertEquals("Attr-250", d.attribute(250).name());
        assertTrue(Dictionary.standard() == d, "loaded once");
    }

    @Test
    void readsEveryFreeRadiusDirective() throws Exception {
        Dictionary d = Dictionary.standardWith(resource("dictionary.test-root"));
        Vendor usr = d.vendor("USR-Test").orElseThrow();
        assertEquals(4, usr.typeWidth());
        assertEquals(0, usr.lengthWidth());
        assertEquals("USR-Test-Wide-Type", d.vendorAttribute(429, 0x12345).orElseThrow().name());
        assertEquals(2, d.vendor(4846).orElseThrow().typeWidth());
        assertEquals("Lucent-Test-Top-Type", d.vendorAttribute(4846, 65535).orElseThrow().name());
        AttributeDefinition mode = d.attribute("Example-Mode").orElseThrow();
        assertEquals(0x10L, mode.valueOf("turbo").orElseThrow());
        assertEquals("Maximum", mode.nameOf(0xFFFFFFFFL).orElseThrow());
        assertEquals(25, d.attribute("Example-Hex-Numbered").orElseThrow().number());
        assertTrue(d.attribute("Example-Tagged-Salted").orElseThrow().hasTag());
        assertEquals(Encryption.ASCEND_SECRET, d.attribute("Example-Ascend-Secret").orElseThrow().encryption());
        assertTrue(d.attribute("Example-Address-List").orElseThrow().isArray());
        AttributeDefinition inner = d.attribute("Example-TLV-Inner-Label").orElseThrow();
        assertEquals("26.32473.10.4.2", inner.oid());
        assertEquals("Example-TLV-Inner", inner.parent().orElseThrow().name());
        AttributeDefinition evs = d.attribute("Example-EVS-Count").orElseThrow();
        assertEquals("245.26.99999.2", evs.oid());
        assertEquals(DataType.EVS, evs.parent().orElseThrow().type());
        assertEquals(evs, evs.parent().orElseThrow().vendorChild(99999, 2).orElseThrow());
        assertTrue(evs.parent().orElseThrow().vendorChild(99999, 99).isEmpty());
        assertTrue(evs.vendorChild(99999, 2).isEmpty(), "only an evs attribute has vendor children");
    }

    @Test
    void virtualAndSecretFlagsAreVisible(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d");
        Files.writeString(f, "ATTRIBUTE Plain 1 string\nATTRIBUTE Only-Here 2 string virtual\n"
                + "ATTRIBUTE Key 3 string secret\nATTRIBUTE Hidden 4 string encrypt=1\nATTRIBUTE Internal 1000 integer\n");
        Dictionary d = Dictionary.load(f);
        assertFalse(d.attribute("Plain").orElseThrow().isVirtual());
        assertTrue(d.attribute("Internal").orElseThrow().isVirtual(), "beyond the wire's 1..255");
        assertFalse(d.attribute("Plain").orElseThrow().isSecret());
        assertTrue(d.attribute("Only-Here").orElseThrow().isVirtual());
        assertTrue(d.attribute("Key").orElseThrow().isSecret());
        assertTrue(d.attribute("Hidden").orElseThrow().isSecret(), "hidden attributes are secret too");
        assertEquals("Key = <hidden>", Attribute.of(d.attribute("Key").orElseThrow(), "k").toString());
        RadiusPacket p = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, d).add("Only-Here", "x").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PacketCodec(d).encodeRequest(p, SharedSecret.of("virtual-secret")));
        assertTrue(e.getMessage().contains("Only-Here is a dictionary-only attribute"), e.getMessage());
    }

    @Test
    void testDictionaryAttributesRoundTripThroughTheCodec() throws Exception {
        Dictionary d = Dictionary.standardWith(resource("dictionary.test-root"));
        PacketCodec codec = new PacketCodec(d);
        SharedSecret s = SharedSecret.of("dictionary-secret");
        RadiusPacket p = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, d)
                .add("USR-Test-Wide-Type", "wide").add("Lucent-Test-Max-Sessions", "Single")
                .add("Example-TLV-Inner-Label", "deep").add("Example-EVS-Name", "evs")
                .add("Example-Address-List", "192.0.2.1, 192.0.2.2").build();
        RadiusPacket back = codec.decodeRequest(codec.encodeRequest(p, s), s);
        assertEquals("wide", back.first("USR-Test-Wide-Type").orElseThrow().asString());
        assertEquals("Single", back.first("Lucent-Test-Max-Sessions").orElseThrow().valueText());
        assertEquals("deep", back.first("Example-TLV").orElseThrow().children().get(0).children().get(0).asString());
        assertEquals("evs", back.first("Example-EVS-Name").orElseThrow().asString());
        assertEquals("192.0.2.1, 192.0.2.2", back.first("Example-Address-List").orElseThrow().valueText());
        IllegalStateException several = assertThrows(IllegalStateException.class,
                () -> back.first("Example-Address-List").orElseThrow().asInetAddress());
        assertEquals("Example-Address-List is an array of 2 values, not one", several.getMessage());
        RadiusPacket one = codec.decodeRequest(codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST,
                d).add("Example-Address-List", "192.0.2.1").build(), s), s);
        assertEquals("192.0.2.1", one.first("Example-Address-List").orElseThrow().asInetAddress().getHostAddress());
    }

    @Test
    void unknownKeywordIsAnErrorWithFileAndLine() {
        DictionaryException e = assertThrows(DictionaryException.class,
                () -> Dictionary.load(resource("dictionary.bad-unknown-keyword")));
        assertEquals(3, e.line());
        assertTrue(e.file().endsWith("dictionary.bad-unknown-keyword"));
        assertTrue(e.getMessage().contains("unknown keyword 'FOOBAR'"), e.getMessage());
    }

    @Test
    void unknownTypeIsAnErrorWithFileAndLine() {
        DictionaryException e = assertThrows(DictionaryException.class,
                () -> Dictionary.load(resource("dictionary.bad-type")));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown data type 'floaty'"), e.getMessage());
    }

    @Test
    void structuralMistakesNameTheirLine(@TempDir Path dir) throws Exception {
        assertLineError(dir, "VENDOR V 1\nBEGIN-VENDOR V\nATTRIBUTE A 1 string\n", 3, "no END-VENDOR");
        assertLineError(dir, "END-VENDOR V\n", 1, "does not close");
        assertLineError(dir, "ATTRIBUTE A 1 string\nATTRIBUTE A 2 string\n", 2, "already defined");
        assertLineError(dir, "ATTRIBUTE A 1 string bogus_flag\n", 1, "unknown flag 'bogus_flag'");
        assertLineError(dir, "ATTRIBUTE A x string\n", 1, "not a number");
        assertLineError(dir, "ATTRIBUTE A 1. string\n", 1, "has an empty part");
        assertLineError(dir, "ATTRIBUTE E 79 octets concat,has_tag\n", 1, "concat does not go with has_tag");
        assertLineError(dir, "VENDOR V 9\nBEGIN-VENDOR V\nATTRIBUTE E 1 octets concat\n", 3,
                "concat is for top-level attributes");
        assertLineError(dir, "ATTRIBUTE A 241..1 string\n", 1, "has an empty part");
        assertLineError(dir, "VALUE Nothing Name 1\n", 1, "VALUE for unknown attribute 'Nothing'");
        assertLineError(dir, "VENDOR V 1 format=3,1\n", 1, "not 1, 2 or 4");
        assertLineError(dir, "$INCLUDE missing-file\n", 1, "no such file");
        assertLineError(dir, "ATTRIBUTE A 300.1 string\n", 1, "outside 0..255");
        assertLineError(dir, "ATTRIBUTE A 2.1 string\n", 1, "is not a defined tlv or extended attribute");
        assertLineError(dir, "BEGIN-VENDOR Nobody\n", 1, "unknown vendor 'Nobody'");
    }

    @Test
    void optionalIncludesMayBeMissingAndLoopsAreCaught(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("dictionary");
        Files.writeString(root, "$INCLUDE- not-there\nATTRIBUTE Solo 1 string\n");
        assertTrue(Dictionary.load(root).attribute("Solo").isPresent());
        Files.writeString(root, "$INCLUDE dictionary\n");
        assertTrue(assertThrows(DictionaryException.class, () -> Dictionary.load(root)).getMessage().contains("loop"));
    }

    @Test
    void laterDefinitionsOfANumberNameItWhenDecoded(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d");
        Files.writeString(f, "ATTRIBUTE Old-Name 1 string\nATTRIBUTE New-Name 1 string\n");
        Dictionary d = Dictionary.load(f);
        assertEquals("New-Name", d.attribute(1).name());
        assertTrue(d.attribute("Old-Name").isPresent());
    }

    private static void assertLineError(Path dir, String text, int line, String reason) throws Exception {
        Path f = dir.resolve("dictionary.case");
        Files.writeString(f, text);
        DictionaryException e = assertThrows(DictionaryException.class, () -> Dictionary.load(f));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
