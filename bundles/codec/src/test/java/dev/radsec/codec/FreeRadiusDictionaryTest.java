package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads the dictionary tree Debian's freeradius-common installs, unchanged. CI installs it; on a developer
 * machine without it these tests are skipped, never in CI.
 */
class FreeRadiusDictionaryTest {
    static final Path FREERADIUS = Path.of("/usr/share/freeradius/dictionary");
    private static Dictionary dict;

    @BeforeAll
    static void load() throws Exception {
        Peers.assumeInstalled(FREERADIUS, "freeradius-common");
        dict = Dictionary.load(FREERADIUS);
    }

    @Test
    void loadsTheWholeTreeWithoutErrors() {
        assertTrue(dict.attributes().size() > 5000, "attributes: " + dict.attributes().size());
        assertTrue(dict.vendors().size() > 150, "vendors: " + dict.vendors().size());
    }

    @Test
    void looksUpNamesAcrossVendors() {
        AttributeDefinition cisco = dict.attribute("Cisco-AVPair").orElseThrow();
        assertEquals(9, cisco.vendor().orElseThrow().id());
        assertEquals(1, cisco.number());
        assertEquals(DataType.TEXT, cisco.type());

        AttributeDefinition mppe = dict.attribute("MS-MPPE-Send-Key").orElseThrow();
        assertEquals(311, mppe.vendor().orElseThrow().id());
        assertEquals(Encryption.TUNNEL_PASSWORD, mppe.encryption());

        Vendor usr = dict.vendor("USR").orElseThrow();
        assertEquals(4, usr.typeWidth());
        assertEquals(0, usr.lengthWidth());
        Vendor lucent = dict.vendor("Lucent").orElseThrow();
        assertEquals(2, lucent.typeWidth());
        assertEquals(1, lucent.lengthWidth());
        assertTrue(dict.vendor("WiMAX").orElseThrow().hasContinuation());

        AttributeDefinition release = dict.attribute("WiMAX-Release").orElseThrow();
        assertEquals("WiMAX-Capability", release.parent().orElseThrow().name());
        assertEquals("Juniper-Local-User-Name", dict.vendorAttribute(2636, 1).orElseThrow().name());
        assertEquals("Tunnel-Password", dict.attribute(69).name());
        assertEquals("Framed-User", dict.attribute("Service-Type").orElseThrow().nameOf(2).orElseThrow());
        assertEquals(DataType.EVS, dict.attribute("Extended-Vendor-Specific-5").orElseThrow().type());
    }

    @Test
    void encodesAndDecodesVendorAttributesWithTheLoadedTree() throws Exception {
        PacketCodec codec = new PacketCodec(dict);
        SharedSecret secret = SharedSecret.of("freeradius-tree");
        RadiusPacket p = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dict)
                .add("User-Name", "bob")
                .add("Cisco-AVPair", "shell:priv-lvl=15")
                .add("Ascend-Data-Rate", 64000)
                .add("Lucent-Max-Shared-Users", 3)
                .add("WiMAX-Release", "2.1")
                .build();
        RadiusPacket back = codec.decodeRequest(codec.encodeRequest(p, secret), secret);
        assertEquals("shell:priv-lvl=15", back.first("Cisco-AVPair").orElseThrow().asString());
        assertEquals(64000, back.first("Ascend-Data-Rate").orElseThrow().asInt());
        assertEquals(3, back.first("Lucent-Max-Shared-Users").orElseThrow().asInt());
        assertEquals("2.1", back.first("WiMAX-Capability").orElseThrow().children().get(0).asString());
    }

    @Test
    void theWholeTreeLoadsOnTopOfTheStandardDictionaryAndItsDefinitionsWin() throws Exception {
        Dictionary both = Dictionary.standardWith(FREERADIUS);
        assertEquals(9, both.attribute("Cisco-AVPair").orElseThrow().vendor().orElseThrow().id());
        // FreeRADIUS's tree names the pre-RFC 5090 number; an operator who loads it gets what FreeRADIUS sends.
        assertEquals(dict.attribute("Digest-Response").orElseThrow().oid(),
                both.attribute("Digest-Response").orElseThrow().oid());
        assertEquals(Encryption.TUNNEL_PASSWORD, both.attribute("MS-MPPE-Recv-Key").orElseThrow().encryption());
    }

    @Test
    void aTreeThatRedefinesItsOwnNameIsStillAnErrorNamingFileAndLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("dictionary.site");
        java.nio.file.Files.writeString(file, "ATTRIBUTE Site-A 3000 string\nATTRIBUTE Site-A 3001 string\n");
        DictionaryException e = org.junit.jupiter.api.Assertions.assertThrows(DictionaryException.class,
                () -> Dictionary.standardWith(file));
        assertTrue(e.getMessage().contains("dictionary.site") && e.getMessage().contains(":2"), e.getMessage());
    }

    @Test
    void standardDictionaryAgreesWithFreeRadiusOnEveryNameBothDefine() {
        int compared = 0;
        java.util.List<String> differences = new java.util.ArrayList<>();
        for (AttributeDefinition ours : Dictionary.standard().attributes()) {
            AttributeDefinition theirs = dict.attribute(ours.name()).orElse(null);
            // FreeRADIUS 3.2's root dictionary does not include its dictionary.rfc5090: Digest-* names there carry
            // draft-sterman and internal numbers. Ours follow RFC 5090 and IANA.
            if (theirs == null || ours.name().startsWith("Digest-")) {
                continue;
            }
            compared++;
            String a = ours.oid() + " " + ours.type() + " " + ours.encryption() + " " + ours.hasTag();
            String b = theirs.oid() + " " + theirs.type() + " " + theirs.encryption() + " " + theirs.hasTag();
            if (!a.equals(b)) {
                differences.add(ours.name() + ": ours " + a + ", FreeRADIUS " + b);
            }
        }
        assertEquals(java.util.List.of(), differences);
        assertTrue(compared > 150, "compared " + compared);
    }
}
