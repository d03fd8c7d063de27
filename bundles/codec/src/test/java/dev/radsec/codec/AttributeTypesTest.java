package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every data type, container and flag, through encode and decode. */
class AttributeTypesTest {
    private static final SharedSecret SECRET = SharedSecret.of("a-long-enough-secret");
    private static Dictionary dict;
    private static PacketCodec codec;

    @BeforeAll
    static void loadDictionary(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dictionary.types");
        Files.writeString(f, String.join("\n",
                "VENDOR Example 32473",
                "BEGIN-VENDOR Example",
                "ATTRIBUTE Ex-Text 1 string",
                "ATTRIBUTE Ex-Octets 2 octets",
                "ATTRIBUTE Ex-Integer 3 integer",
                "ATTRIBUTE Ex-Date 4 date",
                "ATTRIBUTE Ex-IPv4 5 ipaddr",
                "ATTRIBUTE Ex-IPv6 6 ipv6addr",
                "ATTRIBUTE Ex-IPv6-Prefix 7 ipv6prefix",
                "ATTRIBUTE Ex-Ifid 8 ifid",
                "ATTRIBUTE Ex-Integer64 9 integer64",
                "ATTRIBUTE Ex-Byte 10 byte",
                "ATTRIBUTE Ex-Short 11 short",
                "ATTRIBUTE Ex-Signed 12 signed",
                "ATTRIBUTE Ex-Ether 13 ether",
                "ATTRIBUTE Ex-Combo 14 combo-ip",
                "ATTRIBUTE Ex-IPv4-Prefix 15 ipv4prefix",
                "ATTRIBUTE Ex-Tagged 16 string has_tag",
                "ATTRIBUTE Ex-Tagged-Int 17 integer has_tag",
                "ATTRIBUTE Ex-Password 18 string encrypt=1",
                "ATTRIBUTE Ex-Key 19 octets encrypt=2",
                "ATTRIBUTE Ex-Ascend 20 string encrypt=3",
                "ATTRIBUTE Ex-Tlv 21 tlv",
                "ATTRIBUTE Ex-Tlv-Name 21.1 string",
                "ATTRIBUTE Ex-Tlv-Count 21.2 integer",
                "ATTRIBUTE Ex-Enum 22 integer",
                "VALUE Ex-Enum Red 1",
                "VALUE Ex-Enum Green 0x10",
                "END-VENDOR Example",
                "VENDOR USR 429 format=4,0",
                "BEGIN-VENDOR USR",
                "ATTRIBUTE USR-Prompt 0x0064 integer",
                "ATTRIBUTE USR-Big 0x9801 string",
                "END-VENDOR USR",
                "VENDOR Lucent 4846 format=2,1",
                "BEGIN-VENDOR Lucent",
                "ATTRIBUTE Lucent-Max-Shared-Users 2 integer",
                "ATTRIBUTE Lucent-High 300 string",
                "END-VENDOR Lucent",
                "VENDOR Wide 6000 format=1,2",
                "ATTRIBUTE Wide-Thing 1 string Wide",
                "VENDOR WiMAX 24757 format=1,1,c",
                "BEGIN-VENDOR WiMAX",
                "ATTRIBUTE WiMAX-Capability 1 tlv",
                "BEGIN-TLV WiMAX-Capability",
                "ATTRIBUTE WiMAX-Release 1 string",
                "END-TLV WiMAX-Capability",
                "ATTRIBUTE WiMAX-Blob 2 octets",
                "END-VENDOR WiMAX",
                "BEGIN-VENDOR Example format=Extended-Vendor-Specific-1",
                "ATTRIBUTE Ex-EVS-Text 1 string",
                "END-VENDOR Example",
                "BEGIN-VENDOR Example format=Extended-Vendor-Specific-5",
                "ATTRIBUTE Ex-EVS-Long 2 octets",
                "END-VENDOR Example",
                ""));
        dict = Dictionary.standardWith(f);
        codec = new PacketCodec(dict);
    }

    private static RadiusPacket roundTrip(RadiusPacket.Builder b) throws RadiusDecodeException {
        return codec.decodeRequest(codec.encodeRequest(b.build(), SECRET), SECRET);
    }

    private static RadiusPacket.Builder accounting() {
        return RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, dict).identifier(1);
    }

    private static Attribute only(RadiusPacket p, String name) {
        List<Attribute> all = p.all(name);
        assertEquals(1, all.size(), name + " in " + p);
        return all.get(0);
    }

    @Test
    void everyRfc8044ScalarTypeRoundTrips() throws Exception {
        Instant when = Instant.parse("2026-11-21T12:00:00Z");
        RadiusPacket p = roundTrip(accounting()
                .add("Ex-Text", "grüße")
                .add("Ex-Octets", "0x00ff10")
                .add("Ex-Integer", 4_000_000_000L)
                .add("Ex-Date", when)
                .add("Ex-IPv4", "192.0.2.1")
                .add("Ex-IPv6", "2001:db8::1")
                .add("Ex-IPv6-Prefix", "2001:db8:ab00::/40")
                .add("Ex-Ifid", "0011:2233:4455:6677")
                .add("Ex-Integer64", Long.MAX_VALUE)
                .add("Ex-Byte", 255)
                .add("Ex-Short", 65535)
                .add("Ex-Signed", -5)
                .add("Ex-Ether", "00:11:22:aa:bb:cc")
                .add("Ex-Combo", "2001:db8::2")
                .add("Ex-IPv4-Prefix", "10.1.0.0/16")
                .add("Ex-Enum", "Green"));
        assertEquals("grüße", only(p, "Ex-Text").asString());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10}, only(p, "Ex-Octets").bytes());
        assertEquals(4_000_000_000L, only(p, "Ex-Integer").asLong());
        assertEquals(when, only(p, "Ex-Date").asInstant());
        assertEquals(InetAddress.getByName("192.0.2.1"), only(p, "Ex-IPv4").asInetAddress());
        assertEquals(InetAddress.getByName("2001:db8::1"), only(p, "Ex-IPv6").asInetAddress());
        assertEquals(IpPrefix.parse("2001:db8:ab00::/40"), only(p, "Ex-IPv6-Prefix").asPrefix());
        assertEquals(2 + 5, only(p, "Ex-IPv6-Prefix").length(), "only the significant prefix octets are sent");
        assertEquals("0011:2233:4455:6677", only(p, "Ex-Ifid").valueText());
        assertEquals(Long.MAX_VALUE, only(p, "Ex-Integer64").asLong());
        assertEquals(255, only(p, "Ex-Byte").asInt());
        assertEquals(65535, only(p, "Ex-Short").asInt());
        assertEquals(-5, only(p, "Ex-Signed").asLong());
        assertEquals("00:11:22:aa:bb:cc", only(p, "Ex-Ether").valueText());
        assertEquals(InetAddress.getByName("2001:db8::2"), only(p, "Ex-Combo").asInetAddress());
        assertEquals(IpPrefix.parse("10.1.0.0/16"), only(p, "Ex-IPv4-Prefix").asPrefix());
        assertEquals(16, only(p, "Ex-Enum").asInt());
        assertEquals("Green", only(p, "Ex-Enum").valueText());
    }

    @Test
    void standardTypesUseTheirRfcNamesAndWidths() throws Exception {
        RadiusPacket p = roundTrip(accounting()
                .add("Framed-IPv6-Prefix", "2001:db8::/32")
                .add("Framed-Interface-Id", "0000:0000:0000:0001")
                .add("Event-Timestamp", 1_700_000_000L));
        assertEquals("2001:db8::/32", p.first("Framed-IPv6-Prefix").orElseThrow().valueText());
        assertEquals(1_700_000_000L, p.first("Event-Timestamp").orElseThrow().asInstant().getEpochSecond());
        assertEquals(DataType.IPV6PREFIX, dict.attribute("Framed-IPv6-Prefix").orElseThrow().type());
    }

    @Test
    void vendorSpecificAttributesUseTheVendorsFormat() throws Exception {
        RadiusPacket.Builder b = accounting()
                .add("Ex-Text", "one")
                .add("USR-Big", "usr")
                .add("Lucent-High", "lucent")
                .add("Wide-Thing", "wide");
        byte[] wire = codec.encodeRequest(b.build(), SECRET);
        String hex = Hex.hex(wire);
        // Example 1,1: 26 len 0000 7ed9 | 01 05 "one"
        assertTrue(hex.contains("1a0b00007ed90105" + Hex.hex("one".getBytes())), hex);
        // USR 4,0: 26 len 000001ad | 00009801 "usr" (no length octet)
        assertTrue(hex.contains("1a0d000001ad00009801" + Hex.hex("usr".getBytes())), hex);
        // Lucent 2,1: 26 len 000012ee | 012c 09 "lucent"
        assertTrue(hex.contains("1a0f000012ee012c09" + Hex.hex("lucent".getBytes())), hex);
        // 1,2: 26 len 00001770 | 01 0007 "wide"
        assertTrue(hex.contains("1a0d00001770010007" + Hex.hex("wide".getBytes())), hex);

        RadiusPacket p = codec.decodeRequest(wire, SECRET);
        assertEquals("usr", only(p, "USR-Big").asString());
        assertEquals("lucent", only(p, "Lucent-High").asString());
        assertEquals("wide", only(p, "Wide-Thing").asString());
        assertEquals("26.429.38913", only(p, "USR-Big").definition().oid());
        assertEquals(4846, only(p, "Lucent-High").definition().vendor().orElseThrow().id());
    }

    @Test
    void severalSubAttributesInOneVendorSpecificAreUnfolded() throws Exception {
        // 26, len 18, vendor 32473, [1 5 "one"] [3 6 00000007]
        String vsa = "1a1100007ed90105" + Hex.hex("one".getBytes()) + "030600000007";
        RadiusPacket p = decodeAccounting(vsa);
        assertEquals("one", only(p, "Ex-Text").asString());
        assertEquals(7, only(p, "Ex-Integer").asInt());
    }

    @Test
    void unknownVendorsAndTypesSurviveAsRawAttributes() throws Exception {
        // vendor 99999 (unknown, parsed as 1,1), type 7 "zz"; then attribute type 250 (unassigned)
        String attrs = "1a0a0001869f07047a7a" + "fa0401020";
        attrs = attrs.substring(0, attrs.length() - 1);
        RadiusPacket p = decodeAccounting(attrs);
        assertEquals("Attr-26.99999.7", p.attributes().get(0).definition().name());
        assertFalse(p.attributes().get(0).definition().isKnown());
        assertEquals("Attr-250", p.attributes().get(1).definition().name());
        assertReencodesIdentically(p);
    }

    @Test
    void malformedVendorSpecificIsKeptRawNotRejected() throws Exception {
        // sub-attribute claims 9 octets where 5 remain
        RadiusPacket p = decodeAccounting("1a0b00007ed901096f6e65");
        assertEquals("Attr-26", p.attributes().get(0).definition().name());
        assertReencodesIdentically(p);
    }

    @Test
    void valuesOfTheWrongLengthBecomeRawAttributesInTheSamePlace() throws Exception {
        // NAS-Port (integer) with 3 octets; vendor integer with 2 octets
        RadiusPacket p = decodeAccounting("0505000001" + "1a0a00007ed903040007");
        assertEquals("Attr-5", p.attributes().get(0).definition().name());
        assertEquals("Attr-26.32473.3", p.attributes().get(1).definition().name());
        assertReencodesIdentically(p);
    }

    @Test
    void firstFindsTheSameAttributeWithOrWithoutUnfoldingThePacket() throws Exception {
        String attrs = "0505000001" + "050600000009";
        assertEquals(9, decodeAccounting(attrs).first("NAS-Port").orElseThrow().asInt(), "by scanning types");
        RadiusPacket p = decodeAccounting(attrs);
        assertEquals(2, p.attributes().size());
        assertEquals(9, p.first("NAS-Port").orElseThrow().asInt(), "after unfolding");

        byte[] wire = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict)
                .add("User-Password", "pw-one").add("User-Password", "pw-two").build(), SECRET);
        assertEquals("pw-one", codec.decodeRequest(wire, SECRET).first("User-Password").orElseThrow().asString());
        RadiusPacket unfolded = codec.decodeRequest(wire, SECRET);
        assertEquals(3, unfolded.attributes().size());
        assertEquals("pw-one", unfolded.first("User-Password").orElseThrow().asString());
        assertFalse(codec.decodeUnverified(wire, 0, wire.length).first("User-Password").isPresent(),
                "without a secret nothing is revealed");
    }

    @Test
    void tagsFollowRfc2868() throws Exception {
        RadiusPacket p = roundTrip(accounting()
                .add("Tunnel-Type", 1, "VLAN")
                .add("Tunnel-Medium-Type", 1, "IEEE-802")
                .add("Tunnel-Private-Group-Id", 1, "100")
                .add("Ex-Tagged", "untagged")
                .add("Ex-Tagged", "\u0001starts-low")
                .add("Ex-Tagged-Int", 31, 0xFFFFFF));
        Attribute type = p.first("Tunnel-Type").orElseThrow();
        assertEquals(1, type.tag());
        assertEquals("VLAN", type.valueText());
        assertEquals("Tunnel-Type:1 = VLAN", type.toString());
        assertEquals("100", p.first("Tunnel-Private-Group-Id").orElseThrow().asString());
        List<Attribute> tagged = p.all("Ex-Tagged");
        assertEquals(0, tagged.get(0).tag());
        assertEquals("untagged", tagged.get(0).asString());
        assertEquals(0, tagged.get(1).tag());
        assertEquals("\u0001starts-low", tagged.get(1).asString());
        assertEquals(31, p.first("Ex-Tagged-Int").orElseThrow().tag());
        assertEquals(0xFFFFFF, p.first("Ex-Tagged-Int").orElseThrow().asInt());
        assertThrows(IllegalArgumentException.class, () -> accounting().add("Ex-Tagged-Int", 1, 0x1000000));
        assertThrows(IllegalArgumentException.class, () -> accounting().add("User-Name", 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> accounting().add("Tunnel-Type", 32, "VLAN"));
    }

    @Test
    void tunnelPasswordIsSaltedTaggedAndRevealedInAResponse() throws Exception {
        RadiusPacket request = codec.decodeRequest(codec.encodeRequest(
                RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict).identifier(5).add("User-Name", "u").build(),
                SECRET), SECRET);
        RadiusPacket accept = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, dict).identifier(5)
                .add("Tunnel-Password", 2, "tunnel-secret")
                .add("Ex-Key", new byte[32])
                .build();
        byte[] wire = codec.encodeResponse(accept, request, SECRET);
        byte[] again = codec.encodeResponse(accept, request, SECRET);
        assertFalse(Arrays.equals(wire, again), "a fresh salt each time");
        assertFalse(Hex.hex(wire).contains(Hex.hex("tunnel-secret".getBytes())));
        byte[] encodedRequest = codec.encodeRequest(request, SECRET);
        RadiusPacket p = codec.decodeResponse(wire, encodedRequest, SECRET);
        Attribute tp = p.first("Tunnel-Password").orElseThrow();
        assertEquals(2, tp.tag());
        assertEquals("tunnel-secret", tp.asString());
        assertArrayEquals(new byte[32], p.first("Ex-Key").orElseThrow().bytes());
        int at = 20;
        while ((wire[at] & 0xFF) != 69) {
            at += wire[at + 1] & 0xFF;
        }
        assertEquals(2 + 1 + 2 + 16, wire[at + 1], "type, length, tag, salt, one block");
        assertEquals(2, wire[at + 2], "tag");
        assertTrue((wire[at + 3] & 0x80) != 0, "salt has its high bit set");
    }

    @Test
    void userPasswordAndAscendSecretHideAndReveal() throws Exception {
        String longest = "p".repeat(128);
        RadiusPacket p = codec.decodeRequest(codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict)
                .add("User-Password", longest).add("Ex-Password", "x").add("Ex-Ascend", "ascend-secret").build(),
                SECRET), SECRET);
        assertEquals(longest, p.first("User-Password").orElseThrow().asString());
        assertEquals("x", p.first("Ex-Password").orElseThrow().asString());
        assertEquals("ascend-secret", p.first("Ex-Ascend").orElseThrow().asString());
        assertEquals("<hidden>", p.first("Ex-Ascend").orElseThrow().valueText());
    }

    @Test
    void userPasswordRevealedWithTheWrongSecretIsNotThePassword() throws Exception {
        byte[] wire = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict)
                .add("User-Password", "right").build(), SECRET);
        RadiusPacket p = codec.decodeUnverified(wire, 0, wire.length);
        assertEquals("Attr-2", p.attributes().get(1).definition().name(), "no secret, no reveal");
    }

    @Test
    void tlvAttributesNestTheirChildren() throws Exception {
        AttributeDefinition tlv = dict.attribute("Ex-Tlv").orElseThrow();
        Attribute value = Attribute.tlv(tlv, List.of(
                Attribute.of(dict.attribute("Ex-Tlv-Name").orElseThrow(), "inner"),
                Attribute.of(dict.attribute("Ex-Tlv-Count").orElseThrow(), 3)));
        RadiusPacket p = roundTrip(accounting().add(value));
        List<Attribute> children = only(p, "Ex-Tlv").children();
        assertEquals("inner", children.get(0).asString());
        assertEquals(3, children.get(1).asInt());
        assertEquals("26.32473.21.2", children.get(1).definition().oid());
    }

    @Test
    void aTlvChildAddedAloneIsWrappedInItsParent() throws Exception {
        byte[] wire = codec.encodeRequest(accounting().add("Ex-Tlv-Name", "solo").build(), SECRET);
        // 26 len vendor | 21 len | 1 6 "solo"
        assertTrue(Hex.hex(wire).endsWith("1a0e00007ed9150801 06".replace(" ", "") + Hex.hex("solo".getBytes())));
        RadiusPacket p = codec.decodeRequest(wire, SECRET);
        assertEquals("solo", only(p, "Ex-Tlv").children().get(0).asString());
    }

    @Test
    void extendedAndLongExtendedAttributesFragmentAndReassemble() throws Exception {
        byte[] big = new byte[600];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        RadiusPacket.Builder b = accounting().add("Ex-EVS-Text", "evs").add("Ex-EVS-Long", big);
        byte[] wire = codec.encodeRequest(b.build(), SECRET);
        String hex = Hex.hex(wire);
        // 241 len 26 | vendor 32473 | type 1 | "evs"
        assertTrue(hex.contains("f10b1a00007ed901" + Hex.hex("evs".getBytes())), hex);
        // 245 fragments: 251 octets of value each, More flag set on all but the last
        assertTrue(hex.contains("f5ff1a80" + "00007ed902"), hex);
        RadiusPacket p = codec.decodeRequest(wire, SECRET);
        assertEquals("evs", only(p, "Ex-EVS-Text").asString());
        assertArrayEquals(big, only(p, "Ex-EVS-Long").bytes());
        assertEquals("245.26.32473.2", only(p, "Ex-EVS-Long").definition().oid());
        assertReencodesIdentically(p);
    }

    @Test
    void longExtendedWithoutItsLastFragmentIsKeptRaw() throws Exception {
        // 245, ext type 26, More set, and nothing follows
        RadiusPacket p = decodeAccounting("f5091a8000007ed902");
        assertEquals("Attr-245", p.attributes().get(0).definition().name());
    }

    @Test
    void concatAttributesSplitAt253AndJoin() throws Exception {
        byte[] eap = new byte[1000];
        Arrays.fill(eap, (byte) 7);
        byte[] wire = codec.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict)
                .add("EAP-Message", eap).add("User-Name", "u").build(), SECRET);
        int chunks = 0;
        for (int p = 20; p < wire.length; p += wire[p + 1] & 0xFF) {
            if ((wire[p] & 0xFF) == 79) {
                chunks++;
                assertTrue((wire[p + 1] & 0xFF) == 255 || chunks == 4);
            }
        }
        assertEquals(4, chunks);
        RadiusPacket p = codec.decodeRequest(wire, SECRET);
        assertArrayEquals(eap, only(p, "EAP-Message").bytes());
        assertReencodesIdentically(p);
    }

    @Test
    void wimaxContinuationJoinsVendorSpecificAttributes() throws Exception {
        byte[] blob = new byte[400];
        Arrays.fill(blob, (byte) 0x5a);
        byte[] wire = codec.encodeRequest(accounting().add("WiMAX-Blob", blob).add("WiMAX-Release", "5.0").build(), SECRET);
        RadiusPacket p = codec.decodeRequest(wire, SECRET);
        assertArrayEquals(blob, only(p, "WiMAX-Blob").bytes());
        assertEquals("5.0", only(p, "WiMAX-Capability").children().get(0).asString());
        assertReencodesIdentically(p);
    }

    @Test
    void valueTextAndToStringReadLikeFreeRadius() throws Exception {
        RadiusPacket p = roundTrip(accounting().add("Service-Type", "Framed-User").add("Ex-Enum", 99)
                .add("Class", "0x0102"));
        assertEquals("Service-Type = Framed-User", p.first("Service-Type").orElseThrow().toString());
        assertEquals("99", p.first("Ex-Enum").orElseThrow().valueText());
        assertEquals("Class = 0x0102", p.first("Class").orElseThrow().toString());
    }

    @Test
    void builderRejectsValuesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> accounting().add("Ex-Byte", 256));
        assertThrows(IllegalArgumentException.class, () -> accounting().add("Ex-IPv6", "192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> accounting().add("Ex-IPv4-Prefix", "10.1.0.1/16"));
        assertThrows(IllegalArgumentException.class, () -> accounting().add("Ex-Ether", "00:11:22"));
        assertThrows(IllegalArgumentException.class, () -> accounting().add("Ex-Integer", new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> accounting().add("Ex-Date", "yesterday"));
    }

    private static RadiusPacket decodeAccounting(String attributesHex) throws Exception {
        byte[] attrs = Hex.bytes(attributesHex);
        byte[] wire = new byte[20 + attrs.length];
        wire[0] = 4;
        wire[2] = (byte) (wire.length >> 8);
        wire[3] = (byte) wire.length;
        System.arraycopy(attrs, 0, wire, 20, attrs.length);
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
        md.update(wire);
        md.update("a-long-enough-secret".getBytes());
        System.arraycopy(md.digest(), 0, wire, 4, 16);
        return codec.decodeRequest(wire, SECRET);
    }

    private static void assertReencodesIdentically(RadiusPacket p) throws Exception {
        byte[] wire = codec.encodeRequest(p, SECRET);
        RadiusPacket again = codec.decodeRequest(wire, SECRET);
        assertEquals(p.attributes(), again.attributes());
        assertArrayEquals(wire, codec.encodeRequest(again, SECRET));
    }
}
