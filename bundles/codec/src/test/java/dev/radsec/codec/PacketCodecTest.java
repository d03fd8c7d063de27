package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.radsec.codec.RadiusDecodeException.Reason;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PacketCodecTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret SECRET = SharedSecret.of("a-long-enough-secret");
    private static final SharedSecret OTHER = SharedSecret.of("another-long-secret!");

    private static RadiusPacket accessRequest() {
        return RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).identifier(42)
                .add("User-Name", "alice@example.org")
                .add("User-Password", "correct horse battery")
                .add("NAS-IP-Address", "192.0.2.10")
                .add("NAS-Port", 7)
                .add("Called-Station-Id", "00-11-22-33-44-55:radsec")
                .add("Calling-Station-Id", "66-77-88-99-AA-BB")
                .build();
    }

    private static RadiusPacket accountingRequest() {
        return RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).identifier(9)
                .add("Acct-Status-Type", "Start")
                .add("Acct-Session-Id", "4D2A3F10")
                .add("User-Name", "alice")
                .add("Framed-IP-Address", "10.0.0.7")
                .build();
    }

    // ---- attribute values ----

    @Test
    void anAttributeCopiesItsValueIntoACallersBuffer() throws Exception {
        RadiusPacket decoded = CODEC.decodeRequest(CODEC.encodeRequest(accountingRequest(), SECRET), SECRET);
        Attribute user = decoded.first("User-Name").orElseThrow();
        byte[] dst = {9, 9, 9, 9, 9, 9, 9};
        user.copyBytesTo(dst, 1);
        assertArrayEquals(new byte[] {9, 'a', 'l', 'i', 'c', 'e', 9}, dst);
        assertThrows(IndexOutOfBoundsException.class, () -> user.copyBytesTo(dst, 3));
        assertArrayEquals(new byte[] {9, 'a', 'l', 'i', 'c', 'e', 9}, dst, "unchanged when it does not fit");
    }

    // ---- packet codes ----

    @Test
    void everyCodeOfTheImplementedRfcsIsKnown() {
        int[] codes = {1, 2, 3, 4, 5, 11, 12, 13, 40, 41, 42, 43, 44, 45, 52};
        for (int c : codes) {
            assertEquals(c, PacketCode.of(c).code());
        }
        assertEquals(codes.length, PacketCode.values().length);
        assertEquals(null, PacketCode.of(6));
    }

    @ParameterizedTest
    @EnumSource(value = PacketCode.class, names = {"ACCESS_REQUEST", "ACCOUNTING_REQUEST", "STATUS_SERVER",
            "COA_REQUEST", "DISCONNECT_REQUEST"})
    void everyRequestRoundTripsAndEveryAnswerVerifies(PacketCode code) throws Exception {
        RadiusPacket request = RadiusPacket.builder(code, DICT).identifier(200)
                .add("NAS-Identifier", "nas-1").build();
        byte[] wire = CODEC.encodeRequest(request, SECRET);
        RadiusPacket decoded = CODEC.decodeRequest(wire, SECRET);
        assertEquals(code, decoded.code());
        assertEquals("nas-1", decoded.first("NAS-Identifier").orElseThrow().asString());
        assertEquals(code.signsWithMessageAuthenticator(), decoded.first("Message-Authenticator").isPresent());

        for (PacketCode answer : PacketCode.values()) {
            if (!code.isAnsweredBy(answer)) {
                continue;
            }
            RadiusPacket response = RadiusPacket.builder(answer, DICT).identifier(200)
                    .add("Reply-Message", "ok").build();
            byte[] rwire = CODEC.encodeResponse(response, decoded, SECRET);
            RadiusPacket back = CODEC.decodeResponse(rwire, 0, rwire.length, wire, SECRET,
                    MessageAuthenticatorPolicy.REQUIRE);
            assertEquals(answer, back.code());
            assertEquals("ok", back.first("Reply-Message").orElseThrow().asString());
            if (code.signsWithMessageAuthenticator()) {
                assertEquals("Message-Authenticator", back.attributes().get(0).definition().name());
            }
        }
    }

    // ---- Message-Authenticator ----

    @Test
    void accessRequestGetsMessageAuthenticatorFirstAndARandomAuthenticator() throws Exception {
        byte[] a = CODEC.encodeRequest(accessRequest(), SECRET);
        byte[] b = CODEC.encodeRequest(accessRequest(), SECRET);
        assertEquals(80, a[20]);
        assertFalse(Arrays.equals(Arrays.copyOfRange(a, 4, 20), Arrays.copyOfRange(b, 4, 20)));
        assertEquals("Message-Authenticator", CODEC.decodeRequest(a, SECRET).attributes().get(0).definition().name());
    }

    @Test
    void aTransmissionTakesItsIdentifierAndAFreshAuthenticatorWithoutRebuildingThePacket() throws Exception {
        RadiusPacket decoded = CODEC.decodeRequest(CODEC.encodeRequest(accessRequest(), SECRET), SECRET);
        byte[] first = CODEC.encodeRequest(decoded, 7, OTHER);
        byte[] second = CODEC.encodeRequest(decoded, 8, OTHER);
        assertEquals(7, first[1]);
        assertEquals(8, second[1]);
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 4, 20), Arrays.copyOfRange(second, 4, 20)),
                "each transmission its own Request Authenticator");
        assertFalse(Arrays.equals(decoded.authenticator(), Arrays.copyOfRange(first, 4, 20)), "not the packet's");
        RadiusPacket received = CODEC.decodeRequest(first, OTHER); // Message-Authenticator checked
        assertEquals("correct horse battery", received.first("User-Password").orElseThrow().asString(),
                "hidden under the new authenticator and secret");
        byte[] accounting = CODEC.encodeRequest(accountingRequest(), 200, SECRET);
        assertEquals(200, accounting[1] & 0xFF);
        assertEquals("alice", CODEC.decodeRequest(accounting, SECRET).first("User-Name").orElseThrow().asString(),
                "a computed Request Authenticator is computed as always");
        assertThrows(IllegalArgumentException.class, () -> CODEC.encodeRequest(decoded, 256, SECRET));
    }

    @Test
    void anExistingMessageAuthenticatorIsRecomputedInPlaceNotDuplicated() throws Exception {
        RadiusPacket decoded = CODEC.decodeRequest(CODEC.encodeRequest(accessRequest(), SECRET), SECRET);
        byte[] reencoded = CODEC.encodeRequest(decoded, OTHER);
        RadiusPacket again = CODEC.decodeRequest(reencoded, OTHER);
        assertEquals(1, again.all("Message-Authenticator").size());
        assertEquals("correct horse battery", again.first("User-Password").orElseThrow().asString());
    }

    @Test
    void tamperedMessageAuthenticatorIsRejected() {
        byte[] wire = CODEC.encodeRequest(accessRequest(), SECRET);
        wire[wire.length - 1] ^= 1; // an attribute octet, covered by the HMAC
        RadiusDecodeException e = assertThrows(RadiusDecodeException.class, () -> CODEC.decodeRequest(wire, SECRET));
        assertEquals(Reason.BAD_MESSAGE_AUTHENTICATOR, e.reason());
        assertEquals(22, e.offset());
    }

    @Test
    void wrongSecretIsRejected() {
        byte[] wire = CODEC.encodeRequest(accessRequest(), SECRET);
        RadiusDecodeException e = assertThrows(RadiusDecodeException.class, () -> CODEC.decodeRequest(wire, OTHER));
        assertEquals(Reason.BAD_MESSAGE_AUTHENTICATOR, e.reason());
    }

    @Test
    void statusServerWithoutMessageAuthenticatorIsAlwaysRefused() throws Exception {
        // Build one by hand: the encoder never omits it.
        byte[] wire = Hex.bytes("0c01001400000000000000000000000000000000");
        RadiusDecodeException e = assertThrows(RadiusDecodeException.class, () -> CODEC.decodeRequest(wire, 0,
                wire.length, SECRET, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT));
        assertEquals(Reason.MISSING_MESSAGE_AUTHENTICATOR, e.reason());
    }

    @Test
    void responseWithoutMessageAuthenticatorFailsOnlyUnderRequirePolicy() throws Exception {
        byte[] request = Hex.bytes(RfcVectorsTest.RFC2865_7_1_REQUEST);
        byte[] accept = Hex.bytes(RfcVectorsTest.RFC2865_7_1_ACCEPT);
        SharedSecret rfc = SharedSecret.of("xyzzy5461");
        CODEC.decodeResponse(accept, request, rfc);
        RadiusDecodeException e = assertThrows(RadiusDecodeException.class, () -> CODEC.decodeResponse(accept, 0,
                accept.length, request, rfc, MessageAuthenticatorPolicy.REQUIRE));
        assertEquals(Reason.MISSING_MESSAGE_AUTHENTICATOR, e.reason());
    }

    // ---- computed authenticators ----

    @Test
    void accountingRequestAuthenticatorIsComputedAndChecked() throws Exception {
        byte[] wire = CODEC.encodeRequest(accountingRequest(), SECRET);
        assertArrayEquals(wire, CODEC.encodeRequest(accountingRequest(), SECRET), "deterministic");
        RadiusPacket p = CODEC.decodeRequest(wire, SECRET);
        assertEquals("Start", p.first("Acct-Status-Type").orElseThrow().valueText());
        assertFalse(p.first("Message-Authenticator").isPresent());

        RadiusDecodeException e = assertThrows(RadiusDecodeException.class, () -> CODEC.decodeRequest(wire, OTHER));
        assertEquals(Reason.BAD_AUTHENTICATOR, e.reason());
        assertEquals(4, e.offset());
    }

    @Test
    void coaRequestWithMessageAuthenticatorUsesZeroAuthenticatorForTheHmac() throws Exception {
        RadiusPacket coa = RadiusPacket.builder(PacketCode.COA_REQUEST, DICT).identifier(3)
                .add("Message-Authenticator", new byte[16])
                .add("User-Name", "bob").add("Session-Timeout", 60).build();
        byte[] wire = CODEC.encodeRequest(coa, SECRET);
        RadiusPacket p = CODEC.decodeRequest(wire, SECRET);
        assertEquals(60, p.first("Session-Timeout").orElseThrow().asInt());
        wire[24] ^= 1; // inside the Message-Authenticator value
        assertThrows(RadiusDecodeException.class, () -> CODEC.decodeRequest(wire, SECRET));
    }

    // ---- response validation ----

    @Test
    void responseIsValidatedAgainstItsRequest() throws Exception {
        byte[] request = CODEC.encodeRequest(accessRequest(), SECRET);
        RadiusPacket decodedRequest = CODEC.decodeRequest(request, SECRET);
        byte[] accept = CODEC.encodeResponse(RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).identifier(42).build(),
                decodedRequest, SECRET);
        CODEC.decodeResponse(accept, request, SECRET);

        byte[] otherRequest = CODEC.encodeRequest(accessRequest(), SECRET); // same Identifier, new authenticator
        assertEquals(Reason.BAD_AUTHENTICATOR, assertThrows(RadiusDecodeException.class,
                () -> CODEC.decodeResponse(accept, otherRequest, SECRET)).reason());

        byte[] wrongId = accept.clone();
        wrongId[1] = 43;
        assertEquals(Reason.NOT_A_RESPONSE_TO_REQUEST, assertThrows(RadiusDecodeException.class,
                () -> CODEC.decodeResponse(wrongId, request, SECRET)).reason());

        byte[] wrongCode = accept.clone();
        wrongCode[0] = (byte) PacketCode.COA_ACK.code();
        assertEquals(Reason.NOT_A_RESPONSE_TO_REQUEST, assertThrows(RadiusDecodeException.class,
                () -> CODEC.decodeResponse(wrongCode, request, SECRET)).reason());

        assertEquals(Reason.BAD_AUTHENTICATOR, assertThrows(RadiusDecodeException.class,
                () -> CODEC.decodeResponse(accept, request, OTHER)).reason());
    }

    @Test
    void aResponseIsNotARequest() {
        byte[] accept = Hex.bytes(RfcVectorsTest.RFC2865_7_1_ACCEPT);
        assertEquals(Reason.MALFORMED, assertThrows(RadiusDecodeException.class,
                () -> CODEC.decodeRequest(accept, SECRET)).reason());
    }

    // ---- structure ----

    @Test
    void lengthRulesAreEnforcedWithOffsets() {
        assertMalformed("0100", 0, "shorter than the 20-octet");
        assertMalformed("06000014" + "00".repeat(16), 0, "unknown packet code 6");
        assertMalformed("01000013" + "00".repeat(16), 2, "Length 19 is outside 20..4096");
        assertMalformed("01001001" + "00".repeat(16), 2, "Length 4097");
        assertMalformed("01000020" + "00".repeat(16), 2, "exceeds the 20 octets received");
        assertMalformed("01000016" + "00".repeat(16) + "0101", 21, "attribute length 1 is below 2");
        assertMalformed("01000017" + "00".repeat(16) + "010561", 21, "runs past");
        assertMalformed("01000015" + "00".repeat(16) + "01", 20, "header truncated");
    }

    private static void assertMalformed(String hex, int offset, String message) {
        byte[] b = Hex.bytes(hex);
        RadiusDecodeException e = assertThrows(RadiusDecodeException.class,
                () -> CODEC.decodeRequest(b, 0, b.length, SECRET, MessageAuthenticatorPolicy.VERIFY_IF_PRESENT));
        assertEquals(Reason.MALFORMED, e.reason());
        assertEquals(offset, e.offset());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void octetsBeyondLengthArePaddingAndIgnored() throws Exception {
        byte[] wire = CODEC.encodeRequest(accountingRequest(), SECRET);
        byte[] padded = Arrays.copyOf(wire, wire.length + 7);
        RadiusPacket p = CODEC.decodeRequest(padded, SECRET);
        assertEquals("alice", p.first("User-Name").orElseThrow().asString());
    }

    @Test
    void twoMessageAuthenticatorsAreRejected() {
        byte[] b = Hex.bytes("01000038" + "00".repeat(16) + "5012" + "00".repeat(16) + "5012" + "00".repeat(16));
        assertEquals(Reason.BAD_MESSAGE_AUTHENTICATOR, assertThrows(RadiusDecodeException.class,
                () -> CODEC.decodeRequest(b, SECRET)).reason());
    }

    @Test
    void packetsLargerThan4096OctetsAreRefusedWhenEncoding() {
        RadiusPacket.Builder b = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT);
        for (int i = 0; i < 17; i++) {
            b.add("Class", new byte[253]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CODEC.encodeRequest(b.build(), SECRET));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void largestPacketOf4096OctetsRoundTrips() throws Exception {
        RadiusPacket.Builder b = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT);
        for (int i = 0; i < 15; i++) {
            b.add("Class", new byte[253]);
        }
        b.add("Class", new byte[4096 - 20 - 15 * 255 - 2]);
        byte[] wire = CODEC.encodeRequest(b.build(), SECRET);
        assertEquals(4096, wire.length);
        assertEquals(16, CODEC.decodeRequest(wire, SECRET).all("Class").size());
    }

    // ---- buffers ----

    @Test
    void encodesIntoACallersBufferAndDecodesFromOne() throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        buf.position(100);
        int n = CODEC.encodeRequest(accountingRequest(), SECRET, buf);
        assertEquals(100 + n, buf.position());
        buf.flip().position(100);
        RadiusPacket p = CODEC.decodeRequest(buf, SECRET, MessageAuthenticatorPolicy.REQUIRE);
        assertEquals(100 + n, buf.position());
        assertEquals("4D2A3F10", p.first("Acct-Session-Id").orElseThrow().asString());

        ByteBuffer direct = ByteBuffer.allocateDirect(4096);
        CODEC.encodeRequest(accountingRequest(), SECRET, direct);
        assertEquals(n, direct.position());
    }

    @Test
    void tooSmallBufferOverflowsWithoutMovingItsPosition() {
        ByteBuffer small = ByteBuffer.allocate(30);
        assertThrows(BufferOverflowException.class, () -> CODEC.encodeRequest(accountingRequest(), SECRET, small));
        assertEquals(0, small.position());
    }

    @Test
    void decodedPacketsAreIndependentOfTheCallersArray() throws Exception {
        byte[] wire = CODEC.encodeRequest(accountingRequest(), SECRET);
        RadiusPacket p = CODEC.decodeRequest(wire, SECRET);
        Arrays.fill(wire, (byte) 0);
        assertEquals("alice", p.first("User-Name").orElseThrow().asString());
    }

    @Test
    void attributesKeepWireOrder() throws Exception {
        RadiusPacket p = CODEC.decodeRequest(CODEC.encodeRequest(accessRequest(), SECRET), SECRET);
        assertEquals(Arrays.asList("Message-Authenticator", "User-Name", "User-Password", "NAS-IP-Address",
                        "NAS-Port", "Called-Station-Id", "Calling-Station-Id"),
                p.attributes().stream().map(a -> a.definition().name()).collect(java.util.stream.Collectors.toList()));
    }

    // ---- secrets ----

    @Test
    void shortSecretsAreAcceptedButReportedWeak() {
        assertTrue(SharedSecret.of("testing123").isWeak());
        assertTrue(SharedSecret.of("123456789012").isWeak());
        assertFalse(SharedSecret.of("1234567890123").isWeak());
        assertEquals("******", SharedSecret.of("testing123").toString());
        assertThrows(IllegalArgumentException.class, () -> SharedSecret.of(""));
    }

    @Test
    void precomputedHmacEqualsTheJdksHmacMd5() throws Exception {
        for (String s : new String[] {"x", "testing123", "a".repeat(64), "b".repeat(65), "c".repeat(200)}) {
            byte[] request = CODEC.encodeRequest(accessRequest(), SharedSecret.of(s));
            byte[] zeroed = request.clone();
            Arrays.fill(zeroed, 22, 38, (byte) 0);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacMD5");
            mac.init(new javax.crypto.spec.SecretKeySpec(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacMD5"));
            assertArrayEquals(mac.doFinal(zeroed), Arrays.copyOfRange(request, 22, 38), "secret length " + s.length());
        }
    }

    @Test
    void packetToStringNeverShowsPasswords() throws Exception {
        RadiusPacket p = CODEC.decodeRequest(CODEC.encodeRequest(accessRequest(), SECRET), SECRET);
        String text = p.toString();
        assertFalse(text.contains("correct horse"), text);
        assertTrue(text.contains("User-Password = <hidden>"), text);
        assertTrue(text.contains("User-Name = \"alice@example.org\""), text);
    }

    @Test
    void toBuilderDerivesANewPacket() throws Exception {
        RadiusPacket p = CODEC.decodeRequest(CODEC.encodeRequest(accessRequest(), SECRET), SECRET);
        RadiusPacket q = p.toBuilder().identifier(7).authenticator(null).set("NAS-Port", 9).remove("Calling-Station-Id").build();
        byte[] wire = CODEC.encodeRequest(q, OTHER);
        RadiusPacket r = CODEC.decodeRequest(wire, OTHER);
        assertEquals(7, r.identifier());
        assertEquals(9, r.first("NAS-Port").orElseThrow().asInt());
        assertFalse(r.first("Calling-Station-Id").isPresent());
        assertNotEquals(Hex.hex(p.authenticator()), Hex.hex(r.authenticator()));
        assertEquals("correct horse battery", r.first("User-Password").orElseThrow().asString());
    }

    @Test
    void unknownNamesAndBadValuesAreClearErrors() {
        RadiusPacket.Builder b = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.add("No-Such-Attr", "x")).getMessage()
                .contains("No-Such-Attr"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.add("NAS-Port", "many")).getMessage()
                .startsWith("NAS-Port: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.add("NAS-IP-Address", "example.org"))
                .getMessage().contains("not an IP address literal"));
        assertThrows(IllegalArgumentException.class, () -> b.identifier(256));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                        .add("User-Password", "p".repeat(129)).build(), SECRET)).getMessage().contains("User-Password"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CODEC.encodeRequest(RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                        .add("Reply-Message", "m".repeat(254)).build(), SECRET)).getMessage().contains("Reply-Message"));
        assertThrows(IllegalArgumentException.class, () -> CODEC.encodeRequest(
                RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).build(), SECRET));
    }
}
