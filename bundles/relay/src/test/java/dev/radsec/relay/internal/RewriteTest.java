package dev.radsec.relay.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.Attribute;
import dev.radsec.codec.Dictionary;
import dev.radsec.codec.MessageAuthenticatorPolicy;
import dev.radsec.codec.PacketCode;
import dev.radsec.codec.PacketCodec;
import dev.radsec.codec.RadiusPacket;
import dev.radsec.codec.SharedSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each operation of a rewrite on decoded and built packets, with tagged and vendor attributes, and its counters. */
class RewriteTest {
    private static final Dictionary STANDARD = Dictionary.standard();
    /** The bundled dictionary and a vendor of the test's, as an operator's dictionary would add one. */
    static Dictionary vendor;

    @TempDir
    static Path dir;

    @BeforeAll
    static void vendorDictionary() throws Exception {
        Path file = dir.resolve("dictionary.example");
        Files.writeString(file, String.join("\n",
                "VENDOR\tExample\t32473",
                "BEGIN-VENDOR\tExample",
                "ATTRIBUTE\tExample-Group\t1\tstring",
                "ATTRIBUTE\tExample-Vlan\t2\tinteger\thas_tag",
                "ATTRIBUTE\tExample-Secret\t3\tstring\tencrypt=2",
                "END-VENDOR\tExample", ""));
        vendor = Dictionary.standardWith(file);
    }

    static Rewrite rewrite(Dictionary dictionary, String... kv) throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", "dev.radsec.rewrite~test"));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return Rewrite.compile(p, dictionary);
    }

    static Rewrite rewrite(String... kv) throws Exception {
        return rewrite(STANDARD, kv);
    }

    private static RadiusPacket.Builder accept(Dictionary dictionary) {
        return RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, dictionary).identifier(9);
    }

    private static RadiusPacket.Builder request(Dictionary dictionary) {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, dictionary).identifier(9);
    }

    /** {@code Name = value} of every attribute, in order, tags as {@code Name:tag}. */
    static List<String> shown(RadiusPacket p) {
        return p.attributes().stream().map(a -> a.definition().name() + (a.tag() > 0 ? ":" + a.tag() : "") + " = "
                + a.valueText()).collect(Collectors.toList());
    }

    private final RewriteCounters counters = new RewriteCounters();

    private void counted(long packets, long touched, long removed, long added, long modified) {
        assertEquals(List.of(packets, touched, removed, added, modified), List.of(counters.packets.sum(),
                counters.touched.sum(), counters.removed.sum(), counters.added.sum(), counters.modified.sum()));
    }

    // ------------------------------------------------------------------------------------------------ remove

    @Test
    void removeTakesEveryTagOfATaggedAttributeOrOnlyTheTagNamed() throws Exception {
        RadiusPacket answer = accept(STANDARD).add("Tunnel-Type", 1, "VLAN").add("Tunnel-Medium-Type", 1, "IEEE-802")
                .add("Tunnel-Private-Group-Id", 1, "100").add("Tunnel-Type", 2, "VLAN")
                .add("Tunnel-Private-Group-Id", 2, "200").add("Reply-Message", "hi").build();
        RadiusPacket all = rewrite("remove", "Tunnel-Type, Tunnel-Medium-Type, Tunnel-Private-Group-Id")
                .apply(answer, counters);
        assertEquals(List.of("Reply-Message = hi"), shown(all));
        counted(1, 1, 5, 0, 0);

        RadiusPacket second = rewrite("remove", "Tunnel-Type:2, Tunnel-Private-Group-Id:2").apply(answer, counters);
        assertEquals(List.of("Tunnel-Type:1 = VLAN", "Tunnel-Medium-Type:1 = IEEE-802", "Tunnel-Private-Group-Id:1 = 100",
                "Reply-Message = hi"), shown(second));
    }

    @Test
    void attrOidNamesTheSameAttributeAsItsName() throws Exception {
        RadiusPacket answer = accept(STANDARD).add("Tunnel-Type", 1, "VLAN").add("Class", "c").build();
        assertEquals(List.of("Class = 0x63"), shown(rewrite("remove", "Attr-64").apply(answer, counters)));
        assertEquals(List.of("Tunnel-Type:1 = VLAN"), shown(rewrite("remove", "attr-25").apply(answer, counters)));
    }

    @Test
    void requestAndReplyLimitAnItemToThatKindOfPacket() throws Exception {
        Rewrite visited = rewrite("remove", "reply:Tunnel-Type", "supplement", "request:Operator-Name = 1example.org");
        RadiusPacket answer = accept(STANDARD).add("Tunnel-Type", 1, "VLAN").build();
        RadiusPacket req = request(STANDARD).add("User-Name", "alice").add("Tunnel-Type", 1, "VLAN").build();
        assertEquals(List.of(), shown(visited.apply(answer, counters)));
        assertEquals(List.of("User-Name = alice", "Tunnel-Type:1 = VLAN", "Operator-Name = 1example.org"),
                shown(visited.apply(req, counters)), "the request keeps its Tunnel-Type, the answer gets no Operator-Name");
    }

    // ------------------------------------------------------------------------------------------------ vendors

    @Test
    void removeVendorTakesAVendorsAttributesOrOneTypeOfThem() throws Exception {
        RadiusPacket answer = accept(vendor).add("Example-Group", "staff").add("Example-Vlan", 3, 42)
                .add("MS-MPPE-Send-Key", new byte[32]).add("MS-MPPE-Recv-Key", new byte[32]).add("Class", "x").build();
        assertEquals(List.of("MS-MPPE-Send-Key", "MS-MPPE-Recv-Key", "Class"), names(rewrite(vendor,
                "remove-vendor", "32473").apply(answer, counters)));
        assertEquals(List.of("Example-Vlan", "MS-MPPE-Send-Key", "MS-MPPE-Recv-Key", "Class"), names(rewrite(vendor,
                "remove-vendor", "Example:1").apply(answer, counters)), "by the vendor's dictionary name");
        assertEquals(List.of("Example-Group", "Example-Vlan", "MS-MPPE-Recv-Key", "Class"), names(rewrite(vendor,
                "remove-vendor", "311:16").apply(answer, counters)));
        assertEquals(List.of("Example-Group", "MS-MPPE-Send-Key", "MS-MPPE-Recv-Key", "Class"), names(rewrite(vendor,
                "remove", "Example-Vlan:3").apply(answer, counters)), "a tagged vendor attribute by tag");
    }

    @Test
    void aVendorAttributeTheDictionaryDoesNotKnowIsRemovedByVendorAndByOid() throws Exception {
        // Cisco-AVPair (9:1) on the wire, decoded with the bundled dictionary, which has no Cisco: Attr-26.9.1
        RadiusPacket answer = decoded(accept(vendor).add("Example-Group", "staff").add("Class", "x").build(), STANDARD);
        assertEquals(List.of("Attr-26.32473.1", "Class"), names(answer));
        assertEquals(List.of("Class"), names(rewrite("remove-vendor", "32473").apply(answer, counters)));
        assertEquals(List.of("Class"), names(rewrite("remove", "Attr-26.32473.1").apply(answer, counters)));
        assertEquals(List.of("Attr-26.32473.1", "Class"), names(rewrite("remove-vendor", "32473:2")
                .apply(answer, counters)));
    }

    @Test
    void vendorAttributesAreAddedSetAndModifiedByTheirDictionaryNames() throws Exception {
        RadiusPacket answer = accept(vendor).add("Example-Group", "guest-staff").build();
        RadiusPacket out = rewrite(vendor, "modify", "Example-Group = /^guest-(.*)$/$1/", "set",
                "Example-Vlan:4 = 100", "add", "Example-Secret = s3cret").apply(answer, counters);
        assertEquals(List.of("Example-Group = staff", "Example-Vlan:4 = 100", "Example-Secret = <hidden>"), shown(out));
        assertEquals("s3cret", out.first("Example-Secret").orElseThrow().asString());
        counted(1, 1, 0, 2, 1);
    }

    // ------------------------------------------------------------------------------------------------ modify

    @Test
    void modifyReplacesTheFirstMatchWithGroupsWrittenEitherWay() throws Exception {
        RadiusPacket req = request(STANDARD).add("User-Name", "alice@local").add("Calling-Station-Id", "02-00-00-00-00-01")
                .build();
        RadiusPacket out = rewrite("modify", "User-Name = /^(.*)@local$/\\1@example.org/, "
                + "Calling-Station-Id = /-/:/").apply(req, counters);
        assertEquals(List.of("User-Name = alice@example.org", "Calling-Station-Id = 02:00-00-00-00-01"), shown(out),
                "radsecproxy's \\1; the first match only");
        assertEquals("ALICE@example.org", rewrite("modify", "User-Name = /^ALICE/ALICE/i")
                .apply(out, counters).first("User-Name").orElseThrow().asString(), "/i ignores case");
    }

    @Test
    void aRegexThatMatchesNothingChangesNothingAndCostsNoNewPacket() throws Exception {
        RadiusPacket req = request(STANDARD).add("User-Name", "bob@example.org").build();
        Rewrite r = rewrite("modify", "User-Name = /@local$/@example.org/");
        assertSame(req, r.apply(req, counters));
        counted(1, 0, 0, 0, 0);
    }

    @Test
    void commasAndSlashesInsideRegexesAndQuotesDoNotSplitItems() throws Exception {
        RadiusPacket req = request(STANDARD).add("User-Name", "a,b/c").build();
        RadiusPacket out = rewrite("modify", "User-Name = /^a,b\\/c$/x\\/y,z/", "add",
                "Reply-Message = \"Hello, world\", Class = 0x0a0b").apply(req, counters);
        assertEquals(List.of("User-Name = x/y,z", "Reply-Message = Hello, world", "Class = 0x0a0b"), shown(out));
    }

    @Test
    void aTaggedTextAttributeKeepsItsTagWhenModified() throws Exception {
        RadiusPacket answer = accept(STANDARD).add("Tunnel-Private-Group-Id", 1, "vlan-100").build();
        RadiusPacket out = rewrite("modify", "Tunnel-Private-Group-Id = /^vlan-//").apply(answer, counters);
        assertEquals(List.of("Tunnel-Private-Group-Id:1 = 100"), shown(out));
    }

    // ------------------------------------------------------------------------------------------------ set, supplement, add

    @Test
    void setReplacesEveryOneAtTheFirstPlaceOrAddsIt() throws Exception {
        RadiusPacket answer = accept(STANDARD).add("Reply-Message", "one").add("Class", "c")
                .add("Reply-Message", "two").build();
        RadiusPacket out = rewrite("set", "Reply-Message = three, Session-Timeout = 60").apply(answer, counters);
        assertEquals(List.of("Reply-Message = three", "Class = 0x63", "Session-Timeout = 60"), shown(out));
        counted(1, 1, 1, 1, 1);
        assertSame(out, rewrite("set", "Reply-Message = three").apply(out, counters), "already so");
    }

    @Test
    void supplementAddsOnlyWhatIsMissingAndAddAddsAValueNotThereYet() throws Exception {
        RadiusPacket req = request(STANDARD).add("User-Name", "alice").add("Operator-Name", "1home.example")
                .add("Class", "a").build();
        RadiusPacket out = rewrite("supplement", "Operator-Name = 1visited.example, NAS-Identifier = ap-1",
                "add", "Class = a, Class = b").apply(req, counters);
        assertEquals(List.of("User-Name = alice", "Operator-Name = 1home.example", "Class = 0x61",
                "NAS-Identifier = ap-1", "Class = 0x62"), shown(out));
        counted(1, 1, 0, 2, 0);
    }

    @Test
    void theOrderIsRemoveModifySetSupplementAdd() throws Exception {
        RadiusPacket req = request(STANDARD).add("User-Name", "alice").add("NAS-Identifier", "old").build();
        RadiusPacket out = rewrite("add", "NAS-Identifier = added", "supplement", "NAS-Identifier = supplemented",
                "remove", "NAS-Identifier", "modify", "NAS-Identifier = /.*/modified/").apply(req, counters);
        assertEquals(List.of("User-Name = alice", "NAS-Identifier = supplemented", "NAS-Identifier = added"),
                shown(out), "removed first, so nothing to modify; supplemented, then added");
    }

    // ------------------------------------------------------------------------------------------------ the codec

    /**
     * A rewritten answer with hidden attributes and Message-Authenticator, encoded for the next hop with another
     * secret: the hidden values survive, hidden anew, and Message-Authenticator verifies.
     */
    @Test
    void hiddenAttributesAndMessageAuthenticatorAreMadeAnewForTheNextHop() throws Exception {
        PacketCodec codec = new PacketCodec(vendor);
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        RadiusPacket fromServer = decoded(accept(vendor).add("Tunnel-Type", 1, "VLAN").add("Tunnel-Password", 1, "tunnel-pw")
                .add("MS-MPPE-Send-Key", key).add("Example-Secret", "s3cret").add("Reply-Message", "hi").build(), vendor);
        RadiusPacket rewritten = rewrite(vendor, "remove", "Tunnel-Type", "add", "Reply-Message = bye")
                .apply(fromServer, counters);

        byte[] nasRequest = codec.encodeRequest(request(vendor).add("User-Name", "alice").add("User-Password", "pw")
                .build(), SharedSecret.of("nas-secret"));
        byte[] toNas = codec.encodeResponse(rewritten, codec.decodeRequest(nasRequest, SharedSecret.of("nas-secret")),
                SharedSecret.of("nas-secret"));
        RadiusPacket atNas = codec.decodeResponse(toNas, 0, toNas.length, nasRequest, SharedSecret.of("nas-secret"),
                MessageAuthenticatorPolicy.REQUIRE);
        assertEquals("tunnel-pw", atNas.first("Tunnel-Password").orElseThrow().asString());
        assertEquals(1, atNas.first("Tunnel-Password").orElseThrow().tag());
        assertArrayEquals(key, atNas.first("MS-MPPE-Send-Key").orElseThrow().bytes());
        assertEquals("s3cret", atNas.first("Example-Secret").orElseThrow().asString());
        assertEquals(List.of("hi", "bye"), atNas.all("Reply-Message").stream().map(Attribute::asString).toList());
        assertTrue(atNas.first("Tunnel-Type").isEmpty());
        assertTrue(atNas.first("Message-Authenticator").isPresent(), "required above, and verified");
    }

    @Test
    void aRewrittenRequestKeepsTheNasAuthenticatorForChap() throws Exception {
        PacketCodec codec = new PacketCodec(STANDARD);
        byte[] wire = codec.encodeRequest(request(STANDARD).add("User-Name", "bob").add("CHAP-Password", new byte[17])
                .build(), SharedSecret.of("nas-secret"));
        RadiusPacket req = codec.decodeRequest(wire, 0, wire.length, SharedSecret.of("nas-secret"),
                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        RadiusPacket out = rewrite("add", "Operator-Name = 1example.org").apply(req, counters);
        assertArrayEquals(req.authenticator(), out.authenticator());
    }

    /** {@code p} encoded as an answer with one secret and decoded with it, as the relay gets it from a server. */
    static RadiusPacket decoded(RadiusPacket p, Dictionary dictionary) throws Exception {
        PacketCodec sender = new PacketCodec(vendor);
        PacketCodec receiver = new PacketCodec(dictionary);
        SharedSecret secret = SharedSecret.of("server-secret");
        byte[] req = sender.encodeRequest(request(vendor).add("User-Name", "x").add("User-Password", "y").build(), secret);
        byte[] wire = sender.encodeResponse(p, sender.decodeRequest(req, secret), secret);
        return receiver.decodeResponse(wire, 0, wire.length, req, secret, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
    }

    private static List<String> names(RadiusPacket p) {
        return p.attributes().stream().map(a -> a.definition().name()).filter(n -> !n.equals("Message-Authenticator"))
                .toList();
    }
}
