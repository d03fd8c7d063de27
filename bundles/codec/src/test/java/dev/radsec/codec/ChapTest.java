package dev.radsec.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class ChapTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final PacketCodec CODEC = new PacketCodec(DICT);
    private static final SharedSecret SECRET = SharedSecret.of("chap-test-secret");

    @Test
    void chapPasswordIsIdentifierThenMd5OfIdentifierPasswordChallenge() throws Exception {
        byte[] challenge = Hex.bytes("00112233445566778899aabbccddeeff");
        byte[] value = Chap.password(0x2a, "pass", challenge);
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update((byte) 0x2a);
        md.update("pass".getBytes(StandardCharsets.UTF_8));
        md.update(challenge);
        assertEquals(17, value.length);
        assertEquals(0x2a, value[0]);
        assertArrayEquals(md.digest(), java.util.Arrays.copyOfRange(value, 1, 17));
    }

    @Test
    void verifiesAgainstTheRequestAuthenticatorWhenThereIsNoChapChallenge() throws Exception {
        byte[] authenticator = Hex.bytes("0f403f9473978057bd83d5cb98f4227a");
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).authenticator(authenticator)
                .add("User-Name", "flopsy").add("CHAP-Password", Chap.password(22, "hop", authenticator)).build();
        RadiusPacket received = CODEC.decodeRequest(CODEC.encodeRequest(request, SECRET), SECRET);
        assertTrue(Chap.verify(received, "hop"));
        assertFalse(Chap.verify(received, "hoq"));
    }

    @Test
    void chapChallengeTakesPrecedenceOverTheAuthenticator() throws Exception {
        byte[] challenge = Hex.bytes("a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1");
        RadiusPacket request = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                .add("CHAP-Challenge", challenge).add("CHAP-Password", Chap.password(1, "pw", challenge)).build();
        RadiusPacket received = CODEC.decodeRequest(CODEC.encodeRequest(request, SECRET), SECRET);
        assertTrue(Chap.verify(received, "pw"));
    }

    @Test
    void requestsWithoutAWellFormedChapPasswordDoNotVerify() throws Exception {
        RadiusPacket none = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT).add("User-Name", "x").build();
        assertFalse(Chap.verify(none, "pw"));
        RadiusPacket shortOne = RadiusPacket.builder(PacketCode.ACCESS_REQUEST, DICT)
                .add("CHAP-Password", new byte[5]).build();
        assertFalse(Chap.verify(shortOne, "pw"));
    }
}
