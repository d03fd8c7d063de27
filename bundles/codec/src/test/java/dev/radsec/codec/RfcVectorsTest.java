package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The worked examples of RFC 2865 section 7 and RFC 5997 section 6, byte for byte. */
class RfcVectorsTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret SECRET = SharedSecret.of("xyzzy5461");

    /** RFC 2865 7.1: nemo / arctangent, telnet to a host. */
    static final String RFC2865_7_1_REQUEST = "010000380f403f9473978057bd83d5cb98f4227a01066e656d6f"
            + "02120dbe708d93d413ce3196e43f782a0aee0406c0a80110050600000003";
    static final String RFC2865_7_1_ACCEPT = "0200002686fe220e7624ba2a1005f6bf9b55e0b2"
            + "0606000000010f06000000000e06c0a80103";
    /** RFC 5997 6: Status-Server with Message-Authenticator, and its Access-Accept. */
    static final String RFC5997_STATUS_SERVER = "0cda00268a54f4686fb394c52866e302185d0623"
            + "50125a665e2e1e8411f3e243822097c84fa3";
    static final String RFC5997_ACCEPT = "02da0014ef0d552a4bf2d693ec2b6fe8b5411d66";

    @Test
    void rfc2865AccessRequestDecodes() throws Exception {
        RadiusPacket p = CODEC.decodeRequest(Hex.bytes(RFC2865_7_1_REQUEST), 0, 56, SECRET,
                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        assertEquals(PacketCode.ACCESS_REQUEST, p.code());
        assertEquals(0, p.identifier());
        assertEquals("nemo", p.first("User-Name").orElseThrow().asString());
        assertEquals("arctangent", p.first("User-Password").orElseThrow().asString());
        assertEquals(InetAddress.getByName("192.168.1.16"), p.first("NAS-IP-Address").orElseThrow().asInetAddress());
        assertEquals(3, p.first("NAS-Port").orElseThrow().asInt());
        assertEquals(4, p.attributes().size());
    }

    @Test
    void rfc2865AccessRequestWithoutMessageAuthenticatorIsRefusedByDefault() {
        RadiusDecodeException e = org.junit.jupiter.api.Assertions.assertThrows(RadiusDecodeException.class,
                () -> CODEC.decodeRequest(Hex.bytes(RFC2865_7_1_REQUEST), SECRET));
        assertEquals(RadiusDecodeException.Reason.MISSING_MESSAGE_AUTHENTICATOR, e.reason());
    }

    @Test
    void rfc2865AccessRequestEncodesToTheSameAttributesAfterAFirstMessageAuthenticator() throws Exception {
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                .identifier(0)
                .authenticator(Hex.bytes("0f403f9473978057bd83d5cb98f4227a"))
                .add("User-Name", "nemo")
                .add("User-Password", "arctangent")
                .add("NAS-IP-Address", "192.168.1.16")
                .add("NAS-Port", 3)
                .build();
        byte[] wire = CODEC.encodeRequest(request, SECRET);
        byte[] rfc = Hex.bytes(RFC2865_7_1_REQUEST);
        assertEquals(rfc.length + 18, wire.length);
        assertEquals(80, wire[20]);
        assertEquals(18, wire[21]);
        // Header except Length, then every RFC attribute, identical after the Message-Authenticator.
        assertArrayEquals(Arrays.copyOfRange(rfc, 4, 20), Arrays.copyOfRange(wire, 4, 20));
        assertArrayEquals(Arrays.copyOfRange(rfc, 20, rfc.length), Arrays.copyOfRange(wire, 38, wire.length));
        // And the Message-Authenticator is right: the packet verifies under the strict policy.
        CODEC.decodeRequest(wire, SECRET);
    }

    @Test
    void rfc2865AccessAcceptVerifiesAgainstItsRequest() throws Exception {
        RadiusPacket p = CODEC.decodeResponse(Hex.bytes(RFC2865_7_1_ACCEPT), Hex.bytes(RFC2865_7_1_REQUEST), SECRET);
        assertEquals(PacketCode.ACCESS_ACCEPT, p.code());
        assertEquals("Login-User", p.first("Service-Type").orElseThrow().valueText());
        assertEquals("Telnet", p.first("Login-Service").orElseThrow().valueText());
        assertEquals("192.168.1.3", p.first("Login-IP-Host").orElseThrow().valueText());
    }

    @Test
    void rfc2865AccessAcceptResponseAuthenticatorIsComputedByteForByte() throws Exception {
        RadiusPacket request = CODEC.decodeRequest(Hex.bytes(RFC2865_7_1_REQUEST), 0, 56, SECRET,
                MessageAuthenticatorPolicy.VERIFY_IF_PRESENT);
        RadiusPacket accept = RadiusPacket.builder(PacketCode.ACCESS_ACCEPT, DICT).identifier(0)
                .add("Service-Type", "Login-User").add("Login-Service", "Telnet")
                .add("Login-IP-Host", "192.168.1.3").build();
        byte[] wire = CODEC.encodeResponse(accept, request, SECRET);
        // We add a Message-Authenticator first (BlastRADIUS); the RFC's attributes follow unchanged.
        byte[] rfc = Hex.bytes(RFC2865_7_1_ACCEPT);
        assertArrayEquals(Arrays.copyOfRange(rfc, 20, rfc.length), Arrays.copyOfRange(wire, 38, wire.length));
        RadiusPacket back = CODEC.decodeResponse(wire, 0, wire.length, Hex.bytes(RFC2865_7_1_REQUEST), SECRET,
                MessageAuthenticatorPolicy.REQUIRE);
        assertEquals(4, back.attributes().size());
    }

    @Test
    void rfc5997StatusServerVerifiesAndEncodesByteForByte() throws Exception {
        byte[] rfc = Hex.bytes(RFC5997_STATUS_SERVER);
        RadiusPacket p = CODEC.decodeRequest(rfc, SECRET);
        assertEquals(PacketCode.STATUS_SERVER, p.code());
        assertEquals(218, p.identifier());
        assertEquals("Message-Authenticator", p.attributes().get(0).definition().name());

        RadiusPacket built = RadiusPacket.builder(PacketCode.STATUS_SERVER, DICT).identifier(218)
                .authenticator(Hex.bytes("8a54f4686fb394c52866e302185d0623")).build();
        assertArrayEquals(rfc, CODEC.encodeRequest(built, SECRET));
    }

    @Test
    void rfc5997AcceptVerifies() throws Exception {
        RadiusPacket p = CODEC.decodeResponse(Hex.bytes(RFC5997_ACCEPT), Hex.bytes(RFC5997_STATUS_SERVER), SECRET);
        assertEquals(PacketCode.ACCESS_ACCEPT, p.code());
        assertTrue(p.attributes().isEmpty());
    }

    /** RFC 2866 section 3: the Request Authenticator is MD5 over the packet with 16 zero octets, then the secret. */
    @Test
    void rfc2866AccountingRequestEncodesByteForByte() throws Exception {
        // Known answer, checked with Python's hashlib: MD5(04 04 0027 | 16x00 | attributes | "xyzzy5461").
        byte[] expected = Hex.bytes("0404002711019c27d4e00cbc523b3e2fc834baf4"
                + "01066e656d6f" + "280600000001" + "2c073230303234");
        RadiusPacket acct = RadiusPacket.builder(PacketCode.ACCOUNTING_REQUEST, DICT).identifier(4)
                .add("User-Name", "nemo").add("Acct-Status-Type", "Start").add("Acct-Session-Id", "20024").build();
        assertArrayEquals(expected, CODEC.encodeRequest(acct, SECRET));
        assertEquals("Start", CODEC.decodeRequest(expected, SECRET).first("Acct-Status-Type").orElseThrow().valueText());
    }
}
